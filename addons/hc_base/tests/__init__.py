from . import test_site
