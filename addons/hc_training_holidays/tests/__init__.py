from . import test_leave
