from . import hc_training_transcript
