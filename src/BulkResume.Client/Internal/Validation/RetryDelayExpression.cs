using System.Globalization;

namespace BulkResume.Internal.Validation;

/// <summary>
/// Checks an <c>Upstash-Retry-Delay</c> expression before it is sent, so that a typo fails here with its position
/// instead of as a 400 (or, on a bulk call, after earlier pages were resumed).
/// </summary>
/// <remarks>
/// <para>Syntax, names and argument counts only: the service evaluates it.</para>
/// The contract's grammar, as a recursive descent:
/// <code>
/// expression := term (('+' | '-') term)*
/// term       := unary (('*' | '/') unary)*
/// unary      := '-' unary | primary
/// primary    := number | 'retried' | function '(' expression (',' expression)* ')' | '(' expression ')'
/// number     := digit+ ('.' digit+)?
/// </code>
/// The engine keeps its own copy (the two sides meet only on the wire): the same grammar, the same
/// <see cref="MaxLength"/> and the same wording of each problem, which <c>SharedRulesTests</c> holds together.
/// </remarks>
internal sealed class RetryDelayExpression
{
    /// <summary>Far beyond any real expression; bounds the parser's recursion, which follows the nesting.</summary>
    private const int MaxLength = 1_000;

    private const string Variable = "retried";

    private static readonly string Grammar = string.Create(
        CultureInfo.InvariantCulture,
        $"A retry-delay expression is arithmetic giving milliseconds, of the variable retried (the retry count, from 0), in at most {MaxLength} characters: ")
        + "numbers such as 2 or 0.5, retried, + - * /, unary minus, parentheses, and pow(a, b), sqrt(x), abs(x), exp(x), floor(x), ceil(x), round(x), min(a, b), max(a, b). "
        + "For example 1000, 1000 * (1 + retried) or max(1000, pow(2, retried) * 100).";

    private static readonly Dictionary<string, int> Arity = new(StringComparer.Ordinal)
    {
        ["pow"] = 2,
        ["sqrt"] = 1,
        ["abs"] = 1,
        ["exp"] = 1,
        ["floor"] = 1,
        ["ceil"] = 1,
        ["round"] = 1,
        ["min"] = 2,
        ["max"] = 2,
    };

    private readonly string _text;
    private int _position;

    private RetryDelayExpression(string text)
    {
        _text = text;
    }

    /// <summary>Refuses an expression the service would refuse.</summary>
    /// <param name="expression">The expression.</param>
    /// <param name="parameterName">The caller's parameter, for <see cref="ArgumentException.ParamName"/>.</param>
    /// <param name="option">The option, for the message.</param>
    /// <param name="whenNull">What null does, for the message.</param>
    /// <exception cref="ArgumentException">The expression is blank or not in the grammar; the message says where and what.</exception>
    public static void Ensure(string expression, string parameterName, string option = "ResumeOptions.RetryDelay", string whenNull = "keep the original runs' retry delay")
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new ArgumentException($"{option} is blank: leave it null to {whenNull}. {Grammar}", parameterName);
        }

        if (expression.Length > MaxLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{option} is {expression.Length} characters long; a retry-delay expression has at most {MaxLength}. {Grammar}"),
                parameterName);
        }

        var parser = new RetryDelayExpression(expression);
        try
        {
            parser.ParseExpression();
            parser.SkipSpaces();
            if (!parser.AtEnd)
            {
                throw Error($"unexpected '{parser.Current}'", parser._position);
            }
        }
        catch (FormatException problem)
        {
            throw new ArgumentException($"{option} '{expression}' is not a retry-delay expression: {problem.Message}. {Grammar}", parameterName);
        }
    }

    private bool AtEnd => _position >= _text.Length;

    private char Current => _text[_position];

    private void ParseExpression()
    {
        ParseTerm();
        while (Accept('+') || Accept('-'))
        {
            ParseTerm();
        }
    }

    private void ParseTerm()
    {
        ParseUnary();
        while (Accept('*') || Accept('/'))
        {
            ParseUnary();
        }
    }

    private void ParseUnary()
    {
        if (Accept('-'))
        {
            ParseUnary();
            return;
        }

        ParsePrimary();
    }

    private void ParsePrimary()
    {
        SkipSpaces();
        if (AtEnd)
        {
            throw Error("the expression ends where a number, retried, a function or '(' is expected", _position);
        }

        if (char.IsAsciiDigit(Current))
        {
            ParseNumber();
        }
        else if (Accept('('))
        {
            ParseExpression();
            Expect(')');
        }
        else if (char.IsAsciiLetter(Current))
        {
            ParseName();
        }
        else
        {
            throw Error($"unexpected '{Current}' where a number, retried, a function or '(' is expected", _position);
        }
    }

    private void ParseNumber()
    {
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
    }

    private void ParseName()
    {
        var start = _position;
        while (!AtEnd && char.IsAsciiLetterOrDigit(Current))
        {
            _position++;
        }

        var name = _text[start.._position];
        if (name == Variable)
        {
            return;
        }

        if (!Arity.TryGetValue(name, out var arity))
        {
            throw Error($"unknown name '{name}'", start);
        }

        Expect('(');
        var arguments = 1;
        ParseExpression();
        while (Accept(','))
        {
            ParseExpression();
            arguments++;
        }

        Expect(')');
        if (arguments != arity)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"{name} takes {arity} argument{(arity == 1 ? "" : "s")}, not {arguments}"), start);
        }
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
