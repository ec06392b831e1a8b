from . import test_role_matrix
from . import test_scoring_engine
from . import test_readiness
from . import test_tour
from . import test_governance
from . import test_gates
from . import test_discovery
from . import test_discovery_tour
