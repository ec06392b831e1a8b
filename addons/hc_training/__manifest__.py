{
    "name": "Healthcare Training Readiness",
    "summary": "Role-based learning paths, sessions, policy acknowledgment and certifications "
    "for clinical support roles going live on Odoo",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Training",
    "author": "Healthcare ERP Readiness Suite",
    "website": "https://example.org/hc-readiness",
    "maintainers": [],
    "development_status": "Beta",
    "license": "LGPL-3",
    "depends": ["hc_base", "hr", "hr_skills", "survey", "website_slides", "calendar", "mail"],
    "data": [
        "security/hc_training_security.xml",
        "security/ir.model.access.csv",
        "views/hc_training_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hc_training/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": True,
}
