{
    "name": "Healthcare Training Readiness - Certification Surveys",
    "summary": "Assessment steps in go-live learning paths, completed with their score when the "
    "employee passes the certification survey (bridge between hc_training and survey)",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Training",
    "author": "Healthcare ERP Readiness Suite",
    "website": "https://example.org/hc-readiness",
    "maintainers": [],
    "development_status": "Beta",
    "license": "LGPL-3",
    "depends": ["hc_training", "survey"],
    "data": [
        "views/hc_learning_path_step_views.xml",
        "views/hc_training_completion_views.xml",
    ],
    "demo": [
        "demo/hc_training_survey_demo.xml",
    ],
    "installable": True,
    "auto_install": True,
}
