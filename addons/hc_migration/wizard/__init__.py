from . import hc_migration_signoff_exception
from . import hc_migration_map_columns
