"""The Logistic Regression demo's rules and actions, in CPython: the same code the browser runs."""

import itertools
import json
import re
from dataclasses import asdict

import numpy as np
import pytest

from pyscript_demo import logreg
from pyscript_demo.demos.logistic_regression import demo as view
from pyscript_demo.demos.logistic_regression import model as demo

DEMO = view.demo


def act(state, action, value=None):
    """The state after `action`, dispatched by the kit as the browser's messages are."""
    return DEMO.act(state, action, None if value is None else str(value))[0]


def handle(state_fields, action, value=None):
    return json.loads(DEMO.handle(json.dumps({"state": state_fields, "action": action, "value": value})))


@pytest.mark.parametrize(
    "residual, label, direction",
    [
        (-0.9, "misclassified", "raise"),
        (0.5, "misclassified", "lower"),
        (0.45, "underconfident", "lower"),
        (-0.1, "underconfident", "raise"),
        (0.09, "well fit", "unchanged"),
        (-0.01, "well fit", "unchanged"),
        (0.009, "overconfident", "unchanged"),
        (0.0, "overconfident", "unchanged"),
    ],
)
def test_rule_names_points_by_their_residual(residual, label, direction):
    assert demo.label(residual) == label
    assert demo.direction(residual) == direction


@pytest.mark.parametrize("slope, bias", [(0.7, -0.2), (2.7, -1.0), (-1.5, 2.0)])
def test_direction_is_what_the_points_own_gradient_term_does_to_its_logit(slope, bias):
    # Point i's term of the gradient is x_i (q_i - y_i) / n; a descent step on it alone moves
    # z_i = x_i . w by -lr |x_i|^2 (q_i - y_i) / n: up when q_i - y_i < 0, down when > 0.
    state = demo.State(slope=slope, bias=bias)
    nums = demo.numbers(state)
    for i, d in enumerate(nums["directions"]):
        term = logreg.X[i] * nums["residual"][i] / logreg.y.size
        change = logreg.X[i] @ (state.w - 0.5 * term) - logreg.X[i] @ state.w
        if d == "raise":
            assert change > 0
        elif d == "lower":
            assert change < 0
        else:
            assert abs(nums["residual"][i]) < demo.PULLED


def test_overall_is_the_worst_label():
    assert demo.overall(["overconfident", "well fit", "misclassified"]) == "misclassified"
    assert demo.overall(["overconfident", "well fit"]) == "well fit"


def test_sixty_steps_from_the_start_land_on_the_listings_weights():
    trained = act(demo.start(), "step", 60)
    np.testing.assert_array_equal(trained.w, logreg.train(logreg.w_start, steps=60))
    assert trained.steps == 60 and len(trained.history) == 61
    losses = [loss for _, loss in trained.history]
    assert all(a > b for a, b in itertools.pairwise(losses))


def test_training_in_pieces_equals_training_at_once():
    state = demo.start()
    for _ in range(6):
        state = demo.train(state, 10)
    np.testing.assert_array_equal(state.w, demo.train(demo.start(), 60).w)


def test_long_runs_keep_growing_the_slope_and_thin_the_history():
    state = demo.train(demo.start(), 3000)
    slopes = []
    for _ in range(3):
        state = demo.train(state, 1000)
        slopes.append(state.slope)
    assert slopes[0] < slopes[1] < slopes[2]
    assert len(state.history) <= demo.HISTORY_LIMIT + 1
    assert state.history[-1][0] == 6000
    assert "data-caveat" in view.readout(state, demo.numbers(state))


def test_select_predict_reveal():
    state = act(demo.start(), "select", "3")
    assert state.selected == 3 and not state.revealed
    with pytest.raises(ValueError, match=r"^choose a point and commit a prediction before revealing$"):
        act(state, "reveal")
    state = act(state, "predict", "lower")
    assert act(state, "reveal").revealed
    with pytest.raises(ValueError, match=r"is one of .*'raise'.*'lower'.*'unchanged'.*, not 'sideways'$"):
        act(state, "predict", "sideways")
    with pytest.raises(ValueError, match=r"is one of .*, not '9'$"):
        act(state, "select", "9")
    with pytest.raises(ValueError, match=r"^unknown action 'fly'"):
        act(state, "fly")


def test_reset_returns_to_the_listings_start():
    state = act(act(demo.start(), "step", 5), "reset")
    assert state == demo.start()


def test_states_from_the_browser_keep_float_weights():
    # JavaScript's JSON writes 5.0 as 5; the state must still hold floats.
    answer = handle({**asdict(demo.start()), "slope": 5}, "view")
    assert answer["state"]["slope"] == 5.0
    assert 'data-value="5.0"' in answer["parts"]["readout"]


def test_handle_is_json_in_json_out():
    answer = handle(asdict(demo.start()), "set-slope", "1.25")
    assert answer["state"]["slope"] == 1.25
    assert {"figure", "loss-plot", "readout", "reveal", "summary"} <= set(answer["parts"])
    assert answer["controls"]["slope"] == "1.2500"
    assert answer["enabled"] == {"reveal": False}


@pytest.mark.parametrize("slope, bias", [(0.7, -0.2), (2.5, 1.0), (-4.95, 3.3)])
def test_readout_shows_the_listings_numbers_at_their_rounding(slope, bias):
    state = demo.State(slope=slope, bias=bias)
    html = view.readout(state, demo.numbers(state))
    loss, _, q = logreg.loss_and_grad(np.array([bias, slope]))
    for qi, ri in zip(q, q - logreg.y, strict=True):
        assert f'data-value="{float(qi)!r}">{qi:.3f}<' in html
        assert f'data-value="{float(ri)!r}">{ri:.3f}<' in html
    assert f'data-value="{float(loss)!r}">{loss:.4f}<' in html


def test_figure_draws_the_curve_points_midline_and_boundary():
    state = demo.start()
    svg = view.figure(state, demo.numbers(state)).svg
    assert len(re.findall(r'<circle class="lr-dot', svg)) == 7
    assert svg.count('class="lr-dot lr-dot--positive"') == 3
    assert "lr-midline" in svg and "lr-curve" in svg
    boundary = -state.bias / state.slope
    assert f"x = -b/w = {boundary:.2f}" in svg


def test_reveal_draws_the_gradient_of_the_selected_point_only_after_reveal():
    state = act(act(demo.start(), "select", 3), "predict", "raise")
    assert "lr-gradient" not in view.figure(state, demo.numbers(state)).svg
    shown = act(state, "reveal")
    nums = demo.numbers(shown)
    assert "lr-gradient--lower" in view.figure(shown, nums).svg
    assert 'data-verdict="wrong"' in view.revealed(shown, nums)
