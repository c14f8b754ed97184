namespace Cartero.Features.Settings;

/// <summary>What an unset bounce mailbox field means.</summary>
public static class BounceMailboxDefaults
{
    public const string Folder = "INBOX";
}
