from . import hc_gate_decision_wizard
from . import hc_customization_decision_wizard
