"""The Linear Regression demo's actions in CPython, against the listing and the mathematics of least squares."""

import html
import itertools
import json
import re

import numpy as np
import pytest

from pyscript_demo import least_squares as ls
from pyscript_demo.demos.linear_regression import model
from pyscript_demo.demos.linear_regression.demo import demo
from pyscript_demo.kit import Done

LSTSQ = np.linalg.lstsq(ls.X, ls.y, rcond=None)[0]  # (intercept, slope), independently of the listing's fit


def ask(state, action, value=None):
    message = {"state": demo.state_to_json(state), "action": action, "value": value}
    answer = json.loads(demo.handle(json.dumps(message)))
    return demo.state_from_json(answer["state"]), answer


def test_the_start_is_the_listings_descent_start_a_flat_line():
    state, answer = ask(model.start(), "view")
    assert (state.slope, state.intercept, state.steps) == (0.0, 0.0, 0)
    # At w = 0 every residual is y itself, and the error is the mean of y squared.
    nums = model.numbers(state)
    np.testing.assert_allclose(nums["residuals"], ls.y)
    assert nums["mse"] == pytest.approx(np.mean(ls.y**2))
    assert 'data-value="' + repr(float(np.mean(ls.y**2))) in answer["parts"]["readout"]
    assert answer["enabled"] == {"reveal": False}


def test_sliders_move_the_line_and_start_a_new_descent():
    state = model.step(model.start(), 3)
    state, answer = ask(state, "set-slope", "1.5")
    state, answer = ask(state, "set-intercept", "0.25")
    assert (state.slope, state.intercept, state.steps, state.history) == (1.5, 0.25, 0, [])
    assert answer["controls"] == {"slope": "1.5000", "intercept": "0.2500"}
    residuals = ls.y - (0.25 + 1.5 * ls.x)
    assert model.numbers(state)["mse"] == pytest.approx(np.mean(residuals**2))
    assert (
        f"the largest residual is {residuals[np.argmax(abs(residuals))]:.3f}" in answer["parts"]["figure.description"]
    )


def test_each_residual_has_its_square_drawn_on_it():
    state = model.set_intercept(model.set_slope(model.start(), 1.5), 0.25)
    svg = demo.render(state)["figure"]
    sides = [float(w) for w in re.findall(r'class="lin-square"[^>]* width="([\d.]+)"', svg)]
    heights = [float(h) for h in re.findall(r'class="lin-square"[^>]* height="([\d.]+)"', svg)]
    residuals = np.abs(ls.y - (0.25 + 1.5 * ls.x))
    assert sides == heights
    # Square sides in the picture are proportional to |residual|: their areas to the squared residuals.
    np.testing.assert_allclose(np.array(sides) / sides[-1], residuals / residuals[-1], atol=2e-3)


def test_solving_the_normal_equations_lands_on_the_least_squares_line():
    state, answer = ask(model.set_slope(model.start(), 3.0), "solve")
    np.testing.assert_allclose([state.intercept, state.slope], LSTSQ, rtol=1e-12)
    assert model.numbers(state)["converged"]
    assert "data-converged" in answer["parts"]["readout"]


def test_one_step_is_the_gradient_step_from_w_zero():
    state, _ = ask(model.start(), "step", "1")
    # From w = 0 the gradient is -2/n X^T y, so one step of rate 0.05 is 0.1/n X^T y.
    np.testing.assert_allclose([state.intercept, state.slope], 0.1 / ls.y.size * ls.X.T @ ls.y, rtol=1e-12)
    assert [s for s, _ in state.history] == [0, 1]


def test_sixty_steps_are_the_listings_sixty_steps_and_the_error_falls():
    state, answer = ask(model.start(), "step", "60")
    np.testing.assert_allclose([state.intercept, state.slope], ls.gradient_descent(ls.X, ls.y, np.zeros(2), steps=60))
    assert [s for s, _ in state.history] == list(range(61))
    losses = [loss for _, loss in state.history]
    assert losses[0] == pytest.approx(np.mean(ls.y**2))
    assert all(a > b for a, b in itertools.pairwise(losses))
    assert not answer["done"]
    plotted = re.search(r'data-history="([^"]+)"', answer["parts"]["loss-plot"])[1]
    assert json.loads(html.unescape(plotted)) == state.history


def test_a_run_ends_by_itself_exactly_when_the_gradient_vanishes():
    state, done, runs = model.start(), False, 0
    while not done:
        state, answer = ask(state, "step", "5")
        done, runs = answer["done"], runs + 1
        assert runs < 1000, "the run never converged"
    w = state.w
    assert np.linalg.norm(2 / ls.y.size * ls.X.T @ (ls.X @ w - ls.y)) < model.TOLERANCE
    before = ls.gradient_descent(ls.X, ls.y, np.zeros(2), steps=state.steps - 5)
    assert np.linalg.norm(ls.gradient(ls.X, ls.y, before)) >= model.TOLERANCE
    np.testing.assert_allclose([state.intercept, state.slope], LSTSQ, atol=1e-3)
    assert "data-converged" in answer["parts"]["readout"]
    assert isinstance(model.step(state, 1), Done), "a step from a converged line says there is nothing left"


def test_reveal_needs_a_committed_guess_and_then_judges_it():
    with pytest.raises(ValueError):
        model.reveal(model.start())
    far = model.commit_guess(model.set_slope(model.start(), 1.8))
    state, answer = ask(far, "reveal")
    assert answer["enabled"] == {"reveal": True}
    shown = answer["parts"]["reveal"]
    guess_mse = np.mean((ls.y - 1.8 * ls.x) ** 2)
    best_mse = np.mean((ls.y - ls.X @ LSTSQ) ** 2)
    assert 'data-verdict="off"' in shown
    assert f"{guess_mse / best_mse:.2f} times" in shown
    assert "least-squares line, dashed" in answer["parts"]["figure.description"]
    # Moving the line after committing keeps the guess; a new commit asks again.
    moved = model.set_slope(state, 2.0)
    assert (moved.guess_slope, moved.revealed) == (1.8, True)
    assert not model.commit_guess(moved).revealed


def test_the_least_squares_line_itself_is_a_close_guess():
    state = model.reveal(model.commit_guess(model.solve(model.start())))
    shown = demo.render(state)["reveal"]
    assert 'data-verdict="close"' in shown and "1.00 times" in shown


def test_reset_returns_to_the_start():
    state = model.commit_guess(model.step(model.start(), 4))
    assert ask(state, "reset")[0] == model.start()
