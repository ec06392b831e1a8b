{
    "name": "Healthcare Training Readiness - Time Off",
    "summary": "Employees on approved time off are not invited to training sessions "
    "(bridge between hc_training and hr_holidays)",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Training",
    "author": "Healthcare ERP Readiness Suite",
    "website": "https://example.org/hc-readiness",
    "maintainers": [],
    "development_status": "Beta",
    "license": "LGPL-3",
    "depends": ["hc_training", "hr_holidays"],
    "data": [],
    "installable": True,
    "auto_install": True,
}
