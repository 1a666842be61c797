import numpy as np

# Gradient descent on f(w) = (w - 2)^2, whose minimum is at w = 2. Each function takes a number or an array.


def loss(w):
    return (w - 2) ** 2


def slope(w):
    # f'(w) = 2 (w - 2)
    return 2 * (w - 2)


def step(w, rate):
    # Downhill by rate times the slope: the steeper the curve, the longer the step.
    return w - rate * slope(w)


if __name__ == "__main__":
    w = -1.0
    for n in range(1, 6):
        w = step(w, 0.1)
        print(f"step {n}: w = {w:.4f}, f(w) = {loss(w):.4f}, slope {slope(w):.4f}")
    # Each step shrinks the distance to the minimum by a factor 1 - 2 * rate: 0.8 here.
    print("distance after 5 steps:", np.round(2 - w, 4), "=", np.round(3 * 0.8**5, 4))
