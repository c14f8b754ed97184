namespace Cartero.Platform.Identity;

/// <summary>A panel-wide setting an admin changes from the panel (table <c>ajuste_panel</c>); every change is audited.</summary>
public sealed class PanelSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}
