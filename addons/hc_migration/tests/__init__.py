from . import test_security_groups
from . import test_engine
from . import test_bad_files
from . import test_workbench
from . import test_trust
from . import test_tour
