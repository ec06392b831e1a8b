from . import test_role_matrix
from . import test_tour
