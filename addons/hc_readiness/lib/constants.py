"""Values several features of hc_readiness share, defined once."""

# severity of a RAID issue, a floor-support issue, a triage rule and a UAT defect
SEVERITIES = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")]
