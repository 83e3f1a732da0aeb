using System.Text;

namespace DurableAgents.Protocol.Grpc;

/// <summary>Percent-encoding of the <c>grpc-message</c> header: UTF-8 bytes outside printable ASCII, and '%', become %XX.</summary>
internal static class GrpcMessageEncoding
{
    public static string Encode(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return string.Empty;
        }

        if (!NeedsEncoding(message))
        {
            return message;
        }

        var bytes = Encoding.UTF8.GetBytes(message);
        var builder = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes %XX sequences; malformed sequences are kept as they are, as the gRPC spec asks.</summary>
    public static string Decode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && TryHex(value[i + 1], out var high) && TryHex(value[i + 2], out var low))
            {
                bytes.Add((byte)((high << 4) | low));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                // A sender that did not encode: keep the character (or surrogate pair) as UTF-8.
                var length = char.IsSurrogatePair(value, i) ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(value.Substring(i, length)));
                i += length - 1;
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool NeedsEncoding(string message)
    {
        foreach (var c in message)
        {
            if (c is < (char)0x20 or > (char)0x7E or '%')
            {
                return true;
            }
        }

        return false;
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
