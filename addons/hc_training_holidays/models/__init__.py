from . import hc_training_session_attendee
