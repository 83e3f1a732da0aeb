using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.DataFlow;

/// <summary>
/// Parses ASL's intrinsic-function syntax: <c>States.Name(arg, ...)</c> where an argument is a single-quoted string
/// (escapes <c>\'</c>, <c>\{</c>, <c>\}</c>, <c>\\</c>), a number, <c>true</c>, <c>false</c>, <c>null</c>, a path, or a
/// nested call (at most 10 nested calls, as ASL allows).
/// </summary>
internal sealed class IntrinsicParser
{
    private const int MaxNesting = 10;
    private readonly string _text;
    private int _position;
    private int _calls;

    private IntrinsicParser(string text) => _text = text;

    public static IntrinsicExpression.Call Parse(string text)
    {
        var parser = new IntrinsicParser(text);
        IntrinsicExpression.Call call = parser.ParseCall();
        parser.SkipSpaces();
        if (parser._position != text.Length)
        {
            throw parser.Error("unexpected text after the closing ')'");
        }

        return call;
    }

    private IntrinsicExpression.Call ParseCall()
    {
        int start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '.'))
        {
            _position++;
        }

        string name = _text[start.._position];
        if (!IntrinsicFunctions.Names.Contains(name))
        {
            throw Error($"'{name}' is not a supported intrinsic function ({string.Join(", ", IntrinsicFunctions.Names)})");
        }

        if (++_calls > MaxNesting)
        {
            throw Error($"more than {MaxNesting} intrinsic functions are nested in one field");
        }

        Expect('(');
        var arguments = new List<IntrinsicExpression>();
        SkipSpaces();
        if (Peek() == ')')
        {
            _position++;
            return new IntrinsicExpression.Call(name, arguments);
        }

        while (true)
        {
            SkipSpaces();
            arguments.Add(ParseArgument());
            SkipSpaces();
            char next = Peek();
            _position++;
            if (next == ')')
            {
                return new IntrinsicExpression.Call(name, arguments);
            }

            if (next != ',')
            {
                _position--;
                throw Error("expected ',' or ')'");
            }
        }
    }

    private IntrinsicExpression ParseArgument()
    {
        char c = Peek();
        if (c == '\'')
        {
            return ParseString();
        }

        if (c == '$')
        {
            int start = _position;
            while (_position < _text.Length && _text[_position] is not (',' or ')' or ' '))
            {
                if (_text[_position] == '[')
                {
                    int close = _text.IndexOf(']', _position);
                    _position = close < 0 ? _text.Length : close;
                }

                _position++;
            }

            string text = _text[start.._position];
            return JsonPath.TryParse(text, out JsonPath? path, out string? error)
                ? new IntrinsicExpression.Path(path)
                : throw Error(error);
        }

        if (_text.AsSpan(_position).StartsWith("States.", StringComparison.Ordinal))
        {
            return ParseCall();
        }

        int wordStart = _position;
        while (_position < _text.Length && _text[_position] is not (',' or ')' or ' '))
        {
            _position++;
        }

        string word = _text[wordStart.._position];
        return word switch
        {
            "true" => new IntrinsicExpression.Literal(JsonValue.Create(true), null),
            "false" => new IntrinsicExpression.Literal(JsonValue.Create(false), null),
            "null" => new IntrinsicExpression.Literal(null, null),
            _ when long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer) =>
                new IntrinsicExpression.Literal(JsonValue.Create(integer), null),
            _ when double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) =>
                new IntrinsicExpression.Literal(JsonValue.Create(number), null),
            _ => throw Error($"'{word}' is not a string in single quotes, a number, true, false, null, a path or an intrinsic function"),
        };
    }

    private IntrinsicExpression.Literal ParseString()
    {
        int start = ++_position;
        var value = new StringBuilder();
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c == '\\' && _position + 1 < _text.Length)
            {
                value.Append(_text[_position + 1]);
                _position += 2;
                continue;
            }

            if (c == '\'')
            {
                string raw = _text[start.._position];
                _position++;
                return new IntrinsicExpression.Literal(JsonValue.Create(value.ToString()), raw);
            }

            value.Append(c);
            _position++;
        }

        throw Error("a string is not closed with '");
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error($"expected '{c}'");
        }

        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipSpaces()
    {
        while (_position < _text.Length && _text[_position] == ' ')
        {
            _position++;
        }
    }

    private FormatException Error(string what) => new($"the intrinsic function '{_text}' is not valid at position {_position}: {what}");
}
