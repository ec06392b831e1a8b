from . import hc_learning_path_step
from . import hc_training_completion
from . import survey_user_input
