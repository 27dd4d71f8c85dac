using System.Globalization;

namespace BulkResume.Engine.Resume;

/// <summary>The <c>Upstash-Retry-Delay</c> expression, parsed once into a tree that is evaluated per retry.</summary>
/// <remarks>
/// Arithmetic of the variable <c>retried</c> (the retry count, from 0) giving milliseconds, for example
/// <c>pow(2, retried) * 1000</c>; at most <see cref="MaxLength"/> characters. The grammar, as a recursive descent:
/// <code>
/// expression := term (('+' | '-') term)*
/// term       := unary (('*' | '/') unary)*
/// unary      := '-' unary | primary
/// primary    := number | 'retried' | function '(' expression (',' expression)* ')' | '(' expression ')'
/// number     := digit+ ('.' digit+)?
/// </code>
/// The client checks the same grammar and limit with its own copy before sending; <c>SharedRulesTests</c> sends every
/// expression through both, and the problems are worded alike on both sides.
/// </remarks>
internal sealed class RetryDelayExpression
{
    /// <summary>The longest wait between two attempts; a larger (or infinite) value waits this long.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    /// <summary>Far beyond any real expression; bounds the parser's recursion, which follows the nesting.</summary>
    public const int MaxLength = 1_000;

    /// <summary>The grammar in words, closing every refusal of an expression.</summary>
    public static readonly string Grammar = string.Create(
        CultureInfo.InvariantCulture,
        $"A retry-delay expression is arithmetic giving milliseconds, of the variable retried (the retry count, from 0), in at most {MaxLength} characters: ")
        + "numbers such as 2 or 0.5, retried, + - * /, unary minus, parentheses, and pow(a, b), sqrt(x), abs(x), exp(x), floor(x), ceil(x), round(x), min(a, b), max(a, b). "
        + "For example 1000, 1000 * (1 + retried) or max(1000, pow(2, retried) * 100).";

    private const string Variable = "retried";

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

    /// <summary>
    /// Parses <paramref name="text"/>; <see langword="null"/> when it is not an expression of the grammar, with the
    /// problem worded to follow the header's name (<c>is 1200 characters long; …</c>, <c>'x' is not …: where and what</c>).
    /// </summary>
    public static RetryDelayExpression? TryParse(string text, out string? problem)
    {
        if (text.Length > MaxLength)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"is {text.Length} characters long; a retry-delay expression has at most {MaxLength}");
            return null;
        }

        var parser = new Parser(text);
        try
        {
            Func<double, double> tree = parser.Parse();
            problem = null;
            return new RetryDelayExpression(text, tree);
        }
        catch (FormatException exception)
        {
            problem = $"'{text}' is not a retry-delay expression: {exception.Message}";
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

        private readonly bool AtEnd => _position >= _text.Length;

        private readonly char Current => _text[_position];

        public Func<double, double> Parse()
        {
            Func<double, double> result = Expression();
            SkipSpaces();
            return AtEnd ? result : throw Error($"unexpected '{Current}'", _position);
        }

        private Func<double, double> Expression()
        {
            Func<double, double> left = Term();
            while (true)
            {
                Func<double, double> before = left;
                if (Accept('+'))
                {
                    Func<double, double> right = Term();
                    left = r => before(r) + right(r);
                }
                else if (Accept('-'))
                {
                    Func<double, double> right = Term();
                    left = r => before(r) - right(r);
                }
                else
                {
                    return left;
                }
            }
        }

        private Func<double, double> Term()
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
            if (AtEnd)
            {
                throw Error("the expression ends where a number, retried, a function or '(' is expected", _position);
            }

            if (char.IsAsciiDigit(Current))
            {
                return Number();
            }

            if (Accept('('))
            {
                Func<double, double> inner = Expression();
                Expect(')');
                return inner;
            }

            if (char.IsAsciiLetter(Current))
            {
                return Name();
            }

            throw Error($"unexpected '{Current}' where a number, retried, a function or '(' is expected", _position);
        }

        private Func<double, double> Number()
        {
            int start = _position;
            SkipDigits();
            if (!AtEnd && Current == '.')
            {
                _position++;
                if (AtEnd || !char.IsAsciiDigit(Current))
                {
                    throw Error("a digit is expected after the decimal point", _position);
                }

                SkipDigits();
            }

            double value = double.Parse(_text.AsSpan(start, _position - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            return _ => value;
        }

        private Func<double, double> Name()
        {
            int start = _position;
            while (!AtEnd && char.IsAsciiLetterOrDigit(Current))
            {
                _position++;
            }

            string name = _text[start.._position];
            if (name == Variable)
            {
                return r => r;
            }

            if (!Functions.TryGetValue(name, out (int Arity, Func<double[], double> Apply) function))
            {
                throw Error($"unknown name '{name}'", start);
            }

            Expect('(');
            var arguments = new List<Func<double, double>> { Expression() };
            while (Accept(','))
            {
                arguments.Add(Expression());
            }

            Expect(')');
            if (arguments.Count != function.Arity)
            {
                throw Error(string.Create(CultureInfo.InvariantCulture, $"{name} takes {function.Arity} argument{(function.Arity == 1 ? string.Empty : "s")}, not {arguments.Count}"), start);
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

        private void Expect(char expected)
        {
            if (!Accept(expected))
            {
                throw Error(AtEnd ? $"'{expected}' is expected where the expression ends" : $"'{expected}' is expected, not '{Current}'", _position);
            }
        }

        private bool Accept(char expected)
        {
            SkipSpaces();
            if (!AtEnd && Current == expected)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void SkipSpaces()
        {
            while (!AtEnd && Current == ' ')
            {
                _position++;
            }
        }

        private void SkipDigits()
        {
            while (!AtEnd && char.IsAsciiDigit(Current))
            {
                _position++;
            }
        }

        private static FormatException Error(string what, int index) =>
            new(string.Create(CultureInfo.InvariantCulture, $"{what}, at index {index}"));
    }
}
