from . import hc_migration_signoff_exception
