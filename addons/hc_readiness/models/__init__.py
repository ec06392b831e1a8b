from . import hc_program
from . import hc_program_workstream
from . import hc_program_wave
from . import hc_readiness_score
from . import hc_readiness_lens
from . import hc_readiness_snapshot
