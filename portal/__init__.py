"""The My Review portal: a Flask application built by ``create_app``."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from portal.config import load_config
from portal.templating import PortalEnvironment

ROOT = Path(__file__).resolve().parent.parent


class PortalFlask(Flask):
    jinja_environment = PortalEnvironment


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Application factory: configuration, extensions, then blueprints."""
    app = PortalFlask(
        __name__,
        instance_relative_config=True,
        instance_path=os.environ.get("MYREVIEW_INSTANCE_PATH") or None,
        template_folder=str(ROOT / "templates"),
        static_folder="static",
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(load_config(Path(app.instance_path), overrides))
    _configure_jinja(app)
    from portal.inputs import CleanRequest, DatabaseInt

    app.request_class = CleanRequest
    app.url_map.converters["int"] = DatabaseInt

    from portal import (
        access,
        admin,
        app_logging,
        auth,
        consult,
        db,
        i18n,
        insights,
        log_redaction,
        public,
        security,
        staff,
    )
    from portal.messaging import dispatch
    from portal.report import routes as reports

    log_redaction.install()
    app_logging.init_app(app)
    db.init_app(app)
    dispatch.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    access.init_app(app)
    for blueprint in (public.bp, consult.bp, staff.bp, auth.bp, admin.bp, insights.bp, reports.bp):
        app.register_blueprint(blueprint)
    if app.config["DEMO_MODE"]:
        from portal import demo_pages

        app.register_blueprint(demo_pages.bp)
    if app.config["CODER_WARM_UP"] and not app.testing:
        # Load the sentence model and train the coder in the background, so the
        # first child to send their answers does not wait for it.
        from portal import coder_models

        threading.Thread(target=coder_models.warm_up, name="coder-warm-up", daemon=True).start()
    return app


def _configure_jinja(app: Flask) -> None:
    from portal.templating import LoudUndefined, register

    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(ROOT / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.undefined = LoudUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    register(app)
