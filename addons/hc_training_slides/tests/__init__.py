from . import test_elearning_completion
