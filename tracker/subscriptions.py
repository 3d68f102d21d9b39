"""Blueprint: email alerts' pages: subscribe, confirm, manage and unsubscribe (the logic is in alerts.py).

The public pages only link here (/alerts/subscribe?place=...): the form and its CSRF token live on this page
alone, so place, measure and home pages carry no session and stay cacheable for every visitor.
"""

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from . import alerts, forms, mail
from .db import get_db
from .numbers import whole_number

bp = Blueprint("alerts", __name__, url_prefix="/alerts")


def enabled():
    """Whether email alerts are on: an SMTP server is configured (and the site is not being frozen)."""
    config = current_app.config
    return not config.get("FREEZING") and mail.settings(config) is not None


def target_or_404(place, motion):
    """Return what a subscription would follow, or answer 404 for an unknown place or measure."""
    motion_id = whole_number(motion, 1)
    if motion and motion_id is None:
        abort(404)
    found = alerts.find_target(get_db(), place=place or None, motion=motion_id)
    if found is None:
        abort(404)
    return found


@bp.route("/subscribe", methods=["GET", "POST"])
def subscribe():
    """The subscribe form; the answer is the same page whether the address is new, waiting or already following."""
    if not enabled():
        abort(404)  # without SMTP settings there are no alerts to subscribe to
    form = forms.SubscribeForm()
    if request.method == "GET":
        form.place.data, form.motion.data = request.args.get("place", ""), request.args.get("motion", "")
    city_id, motion_id, followed = target_or_404(form.place.data, form.motion.data)
    if not form.validate_on_submit():
        return render_template("alerts/subscribe.html", form=form, followed=followed)
    outcome = alerts.subscribe(
        get_db(),
        form.email.data.strip().lower(),
        form.frequency.data,
        city_id,
        motion_id,
        request.remote_addr or "unknown",
    )
    page = render_template("alerts/check_email.html", followed=followed)
    if outcome == "address-limit":
        return page, 429, {"Retry-After": str(alerts.ADDRESS_WINDOW)}
    return page


@bp.route("/confirm/<signed>", methods=["GET", "POST"])
def confirm(signed):
    """A confirmation link: a button to confirm (a GET changes nothing: mail scanners open links too)."""
    token = alerts.read_confirm_link(current_app.config["SECRET_KEY"], signed)
    form = forms.TrackerForm()
    if token is None or alerts.subscriptions_of(get_db(), token) is None:
        return render_template("alerts/confirm.html", expired=True), 404
    if not form.validate_on_submit():
        return render_template("alerts/confirm.html", form=form)
    alerts.confirm(get_db(), token)
    return redirect(url_for("alerts.manage", token=token, confirmed=1), code=303)


@bp.route("/manage/<token>", methods=["GET", "POST"])
def manage(token):
    """What this address follows, how often each sends, and ways to change or stop it."""
    db = get_db()
    if alerts.subscriptions_of(db, token) is None:
        abort(404)
    form = forms.FrequencyForm()
    removed = whole_number(request.form.get("remove"), 1) if request.method == "POST" else None
    if removed is not None:  # CSRFProtect checked the token
        left = alerts.remove(db, token, removed)
        if left is None:
            return render_template("alerts/unsubscribe.html", token=token, done=True)
        return redirect(url_for("alerts.manage", token=left, saved=1), code=303)
    if form.validate_on_submit():
        subscription = whole_number(request.form.get("subscription"), 1)
        if subscription is None or not alerts.set_frequency(db, token, subscription, form.frequency.data):
            abort(404)
        return redirect(url_for("alerts.manage", token=token, saved=1), code=303)
    return render_template(
        "alerts/manage.html",
        subscriptions=alerts.subscriptions_of(db, token),
        token=token,
        form=form,
        confirmed=request.args.get("confirmed") == "1",
        saved=request.args.get("saved") == "1",
    )


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token):
    """GET: a button; POST (RFC 8058 one-click, from a mail program: no session, no CSRF): delete the address."""
    if request.method == "GET":
        return render_template("alerts/unsubscribe.html", token=token, done=False)
    alerts.unsubscribe(get_db(), token)
    # The same answer for an unknown token: the page tells nothing about who follows what.
    return render_template("alerts/unsubscribe.html", token=token, done=True)


def init_app(app, csrf):
    """Register the blueprint, its one CSRF exemption, and the flag templates read."""
    # One-click unsubscribe is the one POST without a CSRF token: RFC 8058 has mail programs post it with no session
    # (its secret is the random token in its address, and all it can do is stop emails).
    csrf.exempt(unsubscribe)
    app.register_blueprint(bp)

    @app.context_processor
    def alerts_context():
        """Templates show the alerts link only when alerts are on."""
        return {"alerts_on": enabled()}
