from . import hc_uat_retraining_wizard
