from . import test_site
from . import test_shift
from . import test_lib_shift
from . import test_workflow_guard
