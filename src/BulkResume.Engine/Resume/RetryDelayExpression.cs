using System.Globalization;

namespace BulkResume.Engine.Resume;

/// <summary>
/// The <c>Upstash-Retry-Delay</c> expression: arithmetic of the variable <c>retried</c> (the retry count, from 0) giving
/// milliseconds, with <c>+ - * /</c>, unary minus, parentheses, numbers and the functions <c>pow sqrt abs exp floor ceil
/// round min max</c>, for example <c>pow(2, retried) * 1000</c>. Parsed once into a tree that is evaluated per retry.
/// </summary>
internal sealed class RetryDelayExpression
{
    /// <summary>The longest wait between two attempts; a larger (or infinite) value waits this long.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    public const string Grammar =
        "an arithmetic expression of retried giving milliseconds, with + - * /, parentheses, numbers and pow sqrt abs exp floor ceil round min max, such as pow(2, retried) * 1000";

    private static readonly Dictionary<string, (int Arity, Func<double[], double> Apply)> Functions = new(StringComparer.Ordinal)
    {
        ["pow"] = (2, a => Math.Pow(a[0], a[1])),
        ["sqrt"] = (1, a => Math.Sqrt(a[0])),
        ["abs"] = (1, a => Math.Abs(a[0])),
        ["exp"] = (1, a => Math.Exp(a[0])),
        ["floor"] = (1, a => Math.Floor(a[0])),
        ["ceil"] = (1, a => Math.Ceiling(a[0])),
        ["round"] = (1, a => Math.Round(a[0], MidpointRounding.AwayFromZero)),
        ["min"] = (2, a => Math.Min(a[0], a[1])),
        ["max"] = (2, a => Math.Max(a[0], a[1])),
    };

    private readonly Func<double, double> _evaluate;

    private RetryDelayExpression(string text, Func<double, double> evaluate)
    {
        Text = text;
        _evaluate = evaluate;
    }

    /// <summary>The expression as given.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; <see langword="null"/> and a description of the first problem when it is not an expression of the grammar.</summary>
    public static RetryDelayExpression? TryParse(string text, out string? problem)
    {
        var parser = new Parser(text);
        try
        {
            Func<double, double> tree = parser.Parse();
            problem = null;
            return new RetryDelayExpression(text, tree);
        }
        catch (FormatException exception)
        {
            problem = exception.Message;
            return null;
        }
    }

    /// <summary>The wait before the attempt after <paramref name="retried"/> retries: negative and not-a-number values wait nothing.</summary>
    public TimeSpan DelayAfter(int retried)
    {
        double milliseconds = _evaluate(retried);
        return double.IsNaN(milliseconds) || milliseconds <= 0 ? TimeSpan.Zero
            : milliseconds >= MaxDelay.TotalMilliseconds ? MaxDelay
            : TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>A recursive-descent parser that builds the expression as nested delegates.</summary>
    private ref struct Parser(string text)
    {
        private readonly string _text = text;
        private int _position;

        public Func<double, double> Parse()
        {
            SkipSpaces();
            if (_position == _text.Length)
            {
                throw Problem("the expression is empty");
            }

            Func<double, double> result = Sum();
            SkipSpaces();
            return _position == _text.Length ? result : throw Problem($"unexpected '{_text[_position]}'");
        }

        private Func<double, double> Sum()
        {
            Func<double, double> left = Product();
            while (true)
            {
                Func<double, double> before = left;
                if (Accept('+'))
                {
                    Func<double, double> right = Product();
                    left = r => before(r) + right(r);
                }
                else if (Accept('-'))
                {
                    Func<double, double> right = Product();
                    left = r => before(r) - right(r);
                }
                else
                {
                    return left;
                }
            }
        }

        private Func<double, double> Product()
        {
            Func<double, double> left = Unary();
            while (true)
            {
                Func<double, double> before = left;
                if (Accept('*'))
                {
                    Func<double, double> right = Unary();
                    left = r => before(r) * right(r);
                }
                else if (Accept('/'))
                {
                    Func<double, double> right = Unary();
                    left = r => before(r) / right(r);
                }
                else
                {
                    return left;
                }
            }
        }

        private Func<double, double> Unary()
        {
            if (Accept('-'))
            {
                Func<double, double> operand = Unary();
                return r => -operand(r);
            }

            return Primary();
        }

        private Func<double, double> Primary()
        {
            SkipSpaces();
            if (Accept('('))
            {
                Func<double, double> inner = Sum();
                return Accept(')') ? inner : throw Problem("a ')' is missing");
            }

            if (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
            {
                return Number();
            }

            if (_position < _text.Length && char.IsAsciiLetter(_text[_position]))
            {
                return Name();
            }

            throw Problem(_position == _text.Length ? "the expression ends too soon" : $"unexpected '{_text[_position]}'");
        }

        private Func<double, double> Number()
        {
            int start = _position;
            while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
            {
                _position++;
            }

            string digits = _text[start.._position];
            if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
            {
                _position = start;
                throw Problem($"'{digits}' is not a number");
            }

            return _ => value;
        }

        private Func<double, double> Name()
        {
            int start = _position;
            while (_position < _text.Length && char.IsAsciiLetterOrDigit(_text[_position]))
            {
                _position++;
            }

            string name = _text[start.._position];
            if (name == "retried")
            {
                return r => r;
            }

            if (!Functions.TryGetValue(name, out (int Arity, Func<double[], double> Apply) function))
            {
                _position = start;
                throw Problem($"unknown name '{name}' (the variable is retried; the functions are {string.Join(", ", Functions.Keys)})");
            }

            if (!Accept('('))
            {
                throw Problem($"{name} needs its arguments in parentheses");
            }

            var arguments = new List<Func<double, double>> { Sum() };
            while (Accept(','))
            {
                arguments.Add(Sum());
            }

            if (!Accept(')'))
            {
                throw Problem($"a ')' is missing after the arguments of {name}");
            }

            if (arguments.Count != function.Arity)
            {
                throw Problem($"{name} takes {function.Arity} argument{(function.Arity == 1 ? string.Empty : "s")}, not {arguments.Count}");
            }

            Func<double, double>[] parts = [.. arguments];
            Func<double[], double> apply = function.Apply;
            return r =>
            {
                var values = new double[parts.Length];
                for (int i = 0; i < parts.Length; i++)
                {
                    values[i] = parts[i](r);
                }

                return apply(values);
            };
        }

        private bool Peek(char symbol)
        {
            SkipSpaces();
            return _position < _text.Length && _text[_position] == symbol;
        }

        private bool Accept(char symbol)
        {
            if (!Peek(symbol))
            {
                return false;
            }

            _position++;
            return true;
        }

        private void SkipSpaces()
        {
            while (_position < _text.Length && _text[_position] == ' ')
            {
                _position++;
            }
        }

        private readonly FormatException Problem(string what) =>
            new(string.Create(CultureInfo.InvariantCulture, $"at position {_position + 1}: {what}"));
    }
}
