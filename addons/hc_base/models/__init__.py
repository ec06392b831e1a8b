from . import hc_site
from . import hc_app_area
from . import hc_shift
from . import hr_employee
from . import hr_employee_public
from . import res_users
from . import base
from . import ir_ui_view
