import numpy as np

# Least squares in one feature: fit y ≈ b + w x by minimizing the mean squared error.
# Shapes: X is (n, 2), y is (n,), w is (2,).
x = np.array([0, 1, 2, 3, 4, 5], dtype=float)
y = np.array([1.1, 2.9, 5.2, 7.1, 8.8, 11.2])
X = np.column_stack([np.ones_like(x), x])


def fit(X, y):
    # The normal equations: X^T X w = X^T y.
    return np.linalg.solve(X.T @ X, X.T @ y)


def residuals(X, y, w):
    # Observed minus predicted: the vertical gap the line leaves at each point.
    return y - X @ w


def mse(X, y, w):
    r = residuals(X, y, w)
    return r @ r / y.size


def gradient(X, y, w):
    return 2 * X.T @ (X @ w - y) / y.size


def gradient_descent(X, y, w, steps=500, lr=0.05):
    for _ in range(steps):
        w = w - lr * gradient(X, y, w)
    return w


if __name__ == "__main__":
    w = fit(X, y)
    print("bias, slope:", np.round(w, 3))
    print("predictions:", np.round(X @ w, 3))
    print("residuals:", np.round(residuals(X, y, w), 3))
    print("mean squared error:", round(mse(X, y, w), 4))
    print("residuals orthogonal to the columns of X:", np.allclose(X.T @ (y - X @ w), 0))
    print("gradient descent, 500 steps:", np.round(gradient_descent(X, y, np.zeros(2)), 3))
