using System.Security.Cryptography;

namespace BulkResume.Engine.Delivery;

/// <summary>New message ids (<c>msg_</c> and 26 random base32 characters): a delivery's, a resumed history element's.</summary>
internal static class MessageIds
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    public static string New() => "msg_" + RandomNumberGenerator.GetString(Base32, 26);
}
