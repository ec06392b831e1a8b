from . import hc_floor_retrain_wizard
from . import hc_uat_retraining_wizard
from . import hc_gate_decision_wizard
from . import hc_customization_decision_wizard
