"""Values the suite's modules share, defined once (hc_readiness imports them from here)."""

# days a targeted retraining (after a floor issue or a UAT defect) is due in, by default
RETRAIN_DAYS = 14
