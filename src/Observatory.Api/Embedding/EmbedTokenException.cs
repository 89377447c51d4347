using System.Globalization;

namespace Observatory.Api.Embedding;

/// <summary>Why an embed token was refused: a code the embedded page can act on (<see cref="ExpiredCode"/> means ask for a new one) and a message.</summary>
public sealed class EmbedTokenException(string code, string message) : Exception(message)
{
    public const string ExpiredCode = "EmbedTokenExpired";
    public const string InvalidCode = "EmbedTokenInvalid";
    public const string MalformedCode = "EmbedTokenMalformed";

    public string Code { get; } = code;

    public static EmbedTokenException Expired(DateTimeOffset at, DateTimeOffset now) => new(ExpiredCode,
        $"The embed token expired at {at.UtcDateTime.ToString(at.UtcDateTime.Date == now.UtcDateTime.Date ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC: the embedding application must ask for a new one.");

    public static EmbedTokenException Invalid() => new(InvalidCode,
        "The embed token is not valid: it was not issued by this service, or has been altered. The embedding application must ask for a new one.");

    public static EmbedTokenException Malformed() => new(MalformedCode,
        "The Authorization header does not hold an embed token: send 'Authorization: Embed <token>', with the token as POST /embed/tokens gave it.");
}
