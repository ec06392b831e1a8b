from . import test_assessment_completion
