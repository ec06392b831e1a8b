from . import test_site
from . import test_shift
