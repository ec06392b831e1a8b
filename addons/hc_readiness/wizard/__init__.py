from . import hc_floor_retrain_wizard
