using System.Xml.Linq;

namespace Cartero.Sri;

/// <summary>
/// Element lookup by local name: the SRI answers with unqualified inner elements, but a proxy or
/// a future version qualifying them must not turn a real answer into "transitorio".
/// </summary>
internal static class XmlLocal
{
    public static XElement? ElementLocal(this XContainer padre, string nombre) =>
        padre.Elements().FirstOrDefault(e => e.Name.LocalName == nombre);

    public static IEnumerable<XElement> ElementsLocal(this XContainer padre, string nombre) =>
        padre.Elements().Where(e => e.Name.LocalName == nombre);

    public static IEnumerable<XElement> DescendantsLocal(this XContainer padre, string nombre) =>
        padre.Descendants().Where(e => e.Name.LocalName == nombre);
}
