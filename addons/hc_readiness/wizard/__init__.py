from . import hc_floor_retrain_wizard
from . import hc_uat_retraining_wizard
