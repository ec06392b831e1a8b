from . import hc_training_bulk_assign
from . import hc_training_signoff
from . import hc_training_waive
from . import hc_training_matrix_export
from . import hc_super_user_rota_plan
from . import hc_training_coverage_plan
from . import hc_retraining_wizard
