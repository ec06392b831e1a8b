{
    "name": "Healthcare Training Readiness - eLearning",
    "summary": "eLearning course steps in go-live learning paths, completed when the employee "
    "finishes the course (bridge between hc_training and website_slides)",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Training",
    "author": "Healthcare ERP Readiness Suite",
    "website": "https://example.org/hc-readiness",
    "maintainers": [],
    "development_status": "Beta",
    "license": "LGPL-3",
    "depends": ["hc_training", "website_slides"],
    "data": [
        "views/hc_learning_path_step_views.xml",
    ],
    "demo": [
        "demo/hc_training_slides_demo.xml",
    ],
    "installable": True,
    "auto_install": True,
}
