using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace RunsGateway.GraphQL.Language;

/// <summary>Lexical token kinds (spec §2.1.6, plus start and end of file).</summary>
internal enum TokenKind : byte
{
    StartOfFile,
    EndOfFile,
    Bang,
    Dollar,
    Ampersand,
    ParenLeft,
    ParenRight,
    Spread,
    Colon,
    EqualsSign,
    At,
    BracketLeft,
    BracketRight,
    BraceLeft,
    Pipe,
    BraceRight,
    Name,
    Int,
    Float,
    String,
    BlockString,
}

/// <summary>One lexed token. <see cref="Value"/> is set for string tokens only (decoded text).</summary>
internal readonly struct Token(TokenKind kind, int start, int end, int line, int column, string? value)
{
    public TokenKind Kind { get; } = kind;

    public int Start { get; } = start;

    public int End { get; } = end;

    public int Line { get; } = line;

    public int Column { get; } = column;

    public string? Value { get; } = value;
}

/// <summary>
/// A one-token-at-a-time lexer over a string. It is a struct so that lookahead is a cheap copy; every
/// lexical error is raised when the offending token is read, as graphql-js does, so error positions match.
/// </summary>
internal struct Lexer
{
    private readonly string _source;
    private int _position;
    private int _line;
    private int _lineStart;

    public Lexer(string source)
    {
        _source = source;
        _line = 1;
        Token = new Token(TokenKind.StartOfFile, 0, 0, 1, 1, null);
    }

    /// <summary>The current token.</summary>
    public Token Token { get; private set; }

    /// <summary>The end offset of the previously current token (for node locations).</summary>
    public int LastTokenEnd { get; private set; }

    /// <summary>The number of tokens read so far, not counting start and end of file.</summary>
    public int TokenCount { get; private set; }

    public readonly string Source => _source;

    /// <summary>Moves to the next token and returns it.</summary>
    public Token Advance()
    {
        LastTokenEnd = Token.End;
        if (Token.Kind != TokenKind.EndOfFile)
        {
            Token = ReadNextToken();
            if (Token.Kind != TokenKind.EndOfFile)
            {
                TokenCount++;
            }
        }

        return Token;
    }

    /// <summary>Returns the token after the current one without consuming anything.</summary>
    public readonly Token Lookahead()
    {
        if (Token.Kind == TokenKind.EndOfFile)
        {
            return Token;
        }

        var copy = this;
        return copy.ReadNextToken();
    }

    private Token ReadNextToken()
    {
        var body = _source;
        var length = body.Length;
        var position = _position;

        while (position < length)
        {
            var code = body[position];
            switch (code)
            {
                case '\uFEFF':
                case '\t':
                case ' ':
                case ',':
                    position++;
                    continue;
                case '\n':
                    position++;
                    _line++;
                    _lineStart = position;
                    continue;
                case '\r':
                    position += position + 1 < length && body[position + 1] == '\n' ? 2 : 1;
                    _line++;
                    _lineStart = position;
                    continue;
                case '#':
                    position = SkipComment(position);
                    continue;
                case '!':
                    return Punctuator(TokenKind.Bang, position);
                case '$':
                    return Punctuator(TokenKind.Dollar, position);
                case '&':
                    return Punctuator(TokenKind.Ampersand, position);
                case '(':
                    return Punctuator(TokenKind.ParenLeft, position);
                case ')':
                    return Punctuator(TokenKind.ParenRight, position);
                case '.':
                    if (position + 2 < length && body[position + 1] == '.' && body[position + 2] == '.')
                    {
                        return MakeToken(TokenKind.Spread, position, position + 3);
                    }

                    break;
                case ':':
                    return Punctuator(TokenKind.Colon, position);
                case '=':
                    return Punctuator(TokenKind.EqualsSign, position);
                case '@':
                    return Punctuator(TokenKind.At, position);
                case '[':
                    return Punctuator(TokenKind.BracketLeft, position);
                case ']':
                    return Punctuator(TokenKind.BracketRight, position);
                case '{':
                    return Punctuator(TokenKind.BraceLeft, position);
                case '|':
                    return Punctuator(TokenKind.Pipe, position);
                case '}':
                    return Punctuator(TokenKind.BraceRight, position);
                case '"':
                    if (position + 2 < length && body[position + 1] == '"' && body[position + 2] == '"')
                    {
                        return ReadBlockString(position);
                    }

                    return ReadString(position);
                default:
                    break;
            }

            if (IsDigit(code) || code == '-')
            {
                return ReadNumber(position, code);
            }

            if (IsNameStart(code))
            {
                return ReadName(position);
            }

            throw Error(
                position,
                code == '\''
                    ? "Unexpected single quote character ('), did you mean to use a double quote (\")?"
                    : IsUnicodeScalarValue(code) || IsSupplementaryCodePoint(body, position)
                        ? $"Unexpected character: {PrintCodePointAt(body, position)}."
                        : $"Invalid character: {PrintCodePointAt(body, position)}.");
        }

        _position = length;
        return new Token(TokenKind.EndOfFile, length, length, _line, 1 + length - _lineStart, null);
    }

    private Token Punctuator(TokenKind kind, int position) => MakeToken(kind, position, position + 1);

    private Token MakeToken(TokenKind kind, int start, int end, string? value = null)
    {
        _position = end;
        return new Token(kind, start, end, _line, 1 + start - _lineStart, value);
    }

    private readonly int SkipComment(int position)
    {
        var body = _source;
        position++;
        while (position < body.Length)
        {
            var code = body[position];
            if (code is '\n' or '\r')
            {
                break;
            }

            if (!char.IsSurrogate(code))
            {
                position++;
            }
            else if (IsSupplementaryCodePoint(body, position))
            {
                position += 2;
            }
            else
            {
                // A lone surrogate ends the comment; the main loop then reports it as an invalid character (graphql-js).
                break;
            }
        }

        return position;
    }

    private Token ReadName(int start)
    {
        var body = _source;
        var position = start + 1;
        while (position < body.Length && IsNameContinue(body[position]))
        {
            position++;
        }

        return MakeToken(TokenKind.Name, start, position);
    }

    private Token ReadNumber(int start, char first)
    {
        var body = _source;
        var position = start;
        var code = first;
        var isFloat = false;

        if (code == '-')
        {
            code = CharAt(body, ++position);
        }

        if (code == '0')
        {
            code = CharAt(body, ++position);
            if (IsDigit(code))
            {
                throw Error(position, $"Invalid number, unexpected digit after 0: {PrintCodePointAt(body, position)}.");
            }
        }
        else
        {
            position = ReadDigits(position, code);
            code = CharAt(body, position);
        }

        if (code == '.')
        {
            isFloat = true;
            code = CharAt(body, ++position);
            position = ReadDigits(position, code);
            code = CharAt(body, position);
        }

        if (code is 'E' or 'e')
        {
            isFloat = true;
            code = CharAt(body, ++position);
            if (code is '+' or '-')
            {
                code = CharAt(body, ++position);
            }

            position = ReadDigits(position, code);
            code = CharAt(body, position);
        }

        // Numbers cannot be followed by a dot or a name start (spec: NumericValue lookahead restrictions).
        if (code == '.' || IsNameStart(code))
        {
            throw Error(position, $"Invalid number, expected digit but got: {PrintCodePointAt(body, position)}.");
        }

        return MakeToken(isFloat ? TokenKind.Float : TokenKind.Int, start, position);
    }

    private readonly int ReadDigits(int start, char first)
    {
        if (!IsDigit(first))
        {
            throw Error(start, $"Invalid number, expected digit but got: {PrintCodePointAt(_source, start)}.");
        }

        var body = _source;
        var position = start + 1;
        while (position < body.Length && IsDigit(body[position]))
        {
            position++;
        }

        return position;
    }

    private Token ReadString(int start)
    {
        var body = _source;
        var length = body.Length;
        var position = start + 1;
        var chunkStart = position;
        StringBuilder? builder = null;

        while (position < length)
        {
            var code = body[position];

            if (code == '"')
            {
                string value;
                if (builder is null)
                {
                    value = body.Substring(chunkStart, position - chunkStart);
                }
                else
                {
                    builder.Append(body, chunkStart, position - chunkStart);
                    value = builder.ToString();
                }

                return MakeToken(TokenKind.String, start, position + 1, value);
            }

            if (code == '\\')
            {
                builder ??= new StringBuilder(Math.Max(16, position - chunkStart + 16));
                builder.Append(body, chunkStart, position - chunkStart);
                position = ReadEscape(position, builder);
                chunkStart = position;
                continue;
            }

            if (code is '\n' or '\r')
            {
                break;
            }

            position = SkipStringCharacter(body, position);
        }

        throw Error(position, "Unterminated string.");
    }

    private readonly int ReadEscape(int position, StringBuilder builder)
    {
        var body = _source;
        var next = CharAt(body, position + 1);
        switch (next)
        {
            case '"':
                builder.Append('"');
                return position + 2;
            case '\\':
                builder.Append('\\');
                return position + 2;
            case '/':
                builder.Append('/');
                return position + 2;
            case 'b':
                builder.Append('\b');
                return position + 2;
            case 'f':
                builder.Append('\f');
                return position + 2;
            case 'n':
                builder.Append('\n');
                return position + 2;
            case 'r':
                builder.Append('\r');
                return position + 2;
            case 't':
                builder.Append('\t');
                return position + 2;
            case 'u':
                return CharAt(body, position + 2) == '{'
                    ? ReadVariableWidthUnicodeEscape(position, builder)
                    : ReadFixedWidthUnicodeEscape(position, builder);
            default:
                throw Error(position, $"Invalid character escape sequence: \"{Slice(body, position, 2)}\".");
        }
    }

    private readonly int ReadVariableWidthUnicodeEscape(int position, StringBuilder builder)
    {
        var body = _source;
        var point = 0;
        var size = 3;

        // At most \u{00000000}: twelve characters.
        while (size < 12)
        {
            var code = CharAt(body, position + size++);
            if (code == '}')
            {
                if (size < 5 || !IsUnicodeScalarValue(point))
                {
                    break;
                }

                AppendCodePoint(builder, point);
                return position + size;
            }

            // A non-hex digit (-1) or a 32-bit overflow makes the point negative, as in graphql-js.
            point = (point << 4) | HexValue(code);
            if (point < 0)
            {
                break;
            }
        }

        throw Error(position, $"Invalid Unicode escape sequence: \"{Slice(body, position, size)}\".");
    }

    private readonly int ReadFixedWidthUnicodeEscape(int position, StringBuilder builder)
    {
        var body = _source;
        var code = Read16BitHex(body, position + 2);
        if (code >= 0 && IsUnicodeScalarValue(code))
        {
            builder.Append((char)code);
            return position + 6;
        }

        // JSON-style surrogate pair escapes are allowed only when they form a valid pair.
        if (code is >= 0xD800 and <= 0xDBFF && CharAt(body, position + 6) == '\\' && CharAt(body, position + 7) == 'u')
        {
            var trailing = Read16BitHex(body, position + 8);
            if (trailing is >= 0xDC00 and <= 0xDFFF)
            {
                builder.Append((char)code).Append((char)trailing);
                return position + 12;
            }
        }

        throw Error(position, $"Invalid Unicode escape sequence: \"{Slice(body, position, 6)}\".");
    }

    private Token ReadBlockString(int start)
    {
        var body = _source;
        var length = body.Length;
        var line = _line;
        var lineStart = _lineStart;
        var position = start + 3;
        var chunkStart = position;
        var currentLine = new StringBuilder();
        var lines = new List<string>();

        while (position < length)
        {
            var code = body[position];

            if (code == '"' && CharAt(body, position + 1) == '"' && CharAt(body, position + 2) == '"')
            {
                currentLine.Append(body, chunkStart, position - chunkStart);
                lines.Add(currentLine.ToString());
                var token = new Token(TokenKind.BlockString, start, position + 3, _line, 1 + start - _lineStart, BlockString.Dedent(lines));
                _line = line;
                _lineStart = lineStart;
                _position = position + 3;
                return token;
            }

            if (code == '\\' && CharAt(body, position + 1) == '"' && CharAt(body, position + 2) == '"' && CharAt(body, position + 3) == '"')
            {
                currentLine.Append(body, chunkStart, position - chunkStart).Append("\"\"\"");
                position += 4;
                chunkStart = position;
                continue;
            }

            if (code is '\r' or '\n')
            {
                currentLine.Append(body, chunkStart, position - chunkStart);
                lines.Add(currentLine.ToString());
                currentLine.Clear();
                position += code == '\r' && CharAt(body, position + 1) == '\n' ? 2 : 1;
                chunkStart = position;
                line++;
                lineStart = position;
                continue;
            }

            position = SkipStringCharacter(body, position);
        }

        throw Error(position, "Unterminated string.");
    }

    private static void AppendCodePoint(StringBuilder builder, int point)
    {
        if (point < 0x10000)
        {
            builder.Append((char)point);
        }
        else
        {
            point -= 0x10000;
            builder.Append((char)(0xD800 + (point >> 10))).Append((char)(0xDC00 + (point & 0x3FF)));
        }
    }

    private static int Read16BitHex(string body, int position)
    {
        var a = HexValue(CharAt(body, position));
        var b = HexValue(CharAt(body, position + 1));
        var c = HexValue(CharAt(body, position + 2));
        var d = HexValue(CharAt(body, position + 3));
        return (a | b | c | d) < 0 ? -1 : (a << 12) | (b << 8) | (c << 4) | d;
    }

    private static int HexValue(char code) => code switch
    {
        >= '0' and <= '9' => code - '0',
        >= 'A' and <= 'F' => code - 'A' + 10,
        >= 'a' and <= 'f' => code - 'a' + 10,
        _ => -1,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char CharAt(string body, int position) => (uint)position < (uint)body.Length ? body[position] : '\0';

    private static string Slice(string body, int start, int count) => body.Substring(start, Math.Min(count, body.Length - start));

    internal static bool IsDigit(char code) => code is >= '0' and <= '9';

    internal static bool IsNameStart(char code) => code is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    internal static bool IsNameContinue(char code) => IsNameStart(code) || IsDigit(code);

    /// <summary>Steps over one source character inside a string; a lone surrogate is a syntax error at its position.</summary>
    private readonly int SkipStringCharacter(string body, int position) =>
        IsUnicodeScalarValue(body[position]) ? position + 1
        : IsSupplementaryCodePoint(body, position) ? position + 2
        : throw Error(position, $"Invalid character within String: {PrintCodePointAt(body, position)}.");

    private static bool IsUnicodeScalarValue(int code) => code is (>= 0 and <= 0xD7FF) or (>= 0xE000 and <= 0x10FFFF);

    private static bool IsSupplementaryCodePoint(string body, int position) =>
        char.IsHighSurrogate(CharAt(body, position)) && char.IsLowSurrogate(CharAt(body, position + 1));

    /// <summary>Describes the character at <paramref name="position"/> the way graphql-js does.</summary>
    internal static string PrintCodePointAt(string body, int position)
    {
        if (position >= body.Length)
        {
            return "<EOF>";
        }

        var code = body[position];
        if (code is >= (char)0x20 and <= (char)0x7E)
        {
            return code == '"' ? "'\"'" : $"\"{code}\"";
        }

        int point = IsSupplementaryCodePoint(body, position) ? char.ConvertToUtf32(code, body[position + 1]) : code;
        return "U+" + point.ToString("X4", CultureInfo.InvariantCulture);
    }

    private readonly GraphQLException Error(int position, string description) =>
        SyntaxErrors.Create(_source, position, "Syntax Error: " + description, ErrorCodes.SyntaxError);
}

/// <summary>Builds located syntax errors.</summary>
internal static class SyntaxErrors
{
    public static GraphQLException Create(string source, int position, string message, string code) =>
        new(new GraphQLError(message, [GetLocation(source, position)], null, new Dictionary<string, object?> { ["code"] = code }));

    /// <summary>Line and column of an offset; \r\n, \n and a lone \r each end a line.</summary>
    public static SourceLocation GetLocation(string source, int position)
    {
        var line = 1;
        var lineStart = 0;
        var end = Math.Min(position, source.Length);
        for (var i = 0; i < end; i++)
        {
            var code = source[i];
            if (code == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (code == '\r')
            {
                if (i + 1 < source.Length && source[i + 1] == '\n')
                {
                    i++;
                }

                line++;
                lineStart = i + 1;
            }
        }

        return new SourceLocation(line, position - lineStart + 1);
    }
}
