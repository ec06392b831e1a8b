from . import hc_learning_path_step
from . import hc_training_completion
from . import slide_channel_partner
