using System.Runtime.InteropServices;
using SkiaSharp;

namespace Cartero.Sri;

/// <summary>
/// Cuts a typeface down to the characters a RIDE uses, with HarfBuzz's subsetter. Skia's PDF backend embeds fonts
/// whole (about 700 KB each for DejaVu Sans), which made every RIDE ~740 KB and spent most of its time deflating
/// font data; a subset keeps the same glyphs and metrics, so the layout does not change.
/// </summary>
internal static partial class SubconjuntoFuente
{
    private const string HarfBuzz = "libHarfBuzzSharp";
    private const int MemoriaDuplicar = 0; // HB_MEMORY_MODE_DUPLICATE: HarfBuzz keeps its own copy.

    private static readonly Dictionary<SKTypeface, byte[]?> Archivos = [];

    /// <summary>The subset typeface, or null when the font file cannot be read or subset (the caller keeps the whole font).</summary>
    public static SKTypeface? Crear(SKTypeface tipo, IReadOnlySet<int> caracteres)
    {
        var archivo = ArchivoDe(tipo);
        if (archivo is null || caracteres.Count == 0)
        {
            return null;
        }

        try
        {
            var subconjunto = Subconjunto(archivo, caracteres);
            return subconjunto is null ? null : SKTypeface.FromData(SKData.CreateCopy(subconjunto));
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            // No HarfBuzz on this machine: the RIDE is still correct, only larger.
            return null;
        }
    }

    private static byte[]? ArchivoDe(SKTypeface tipo)
    {
        lock (Archivos)
        {
            if (!Archivos.TryGetValue(tipo, out var bytes))
            {
                using var flujo = tipo.OpenStream(out var indice);
                bytes = flujo is null || indice != 0 ? null : Leer(flujo);
                Archivos[tipo] = bytes;
            }

            return bytes;
        }
    }

    private static byte[]? Leer(SKStreamAsset flujo)
    {
        using var datos = SKData.Create(flujo);
        return datos?.ToArray();
    }

    private static byte[]? Subconjunto(byte[] archivo, IReadOnlySet<int> caracteres)
    {
        var fijado = GCHandle.Alloc(archivo, GCHandleType.Pinned);
        IntPtr blob = IntPtr.Zero, cara = IntPtr.Zero, entrada = IntPtr.Zero, resultado = IntPtr.Zero, blobResultado = IntPtr.Zero;
        try
        {
            blob = hb_blob_create(fijado.AddrOfPinnedObject(), (uint)archivo.Length, MemoriaDuplicar, IntPtr.Zero, IntPtr.Zero);
            cara = hb_face_create(blob, 0);
            entrada = hb_subset_input_create_or_fail();
            if (entrada == IntPtr.Zero)
            {
                return null;
            }

            var conjunto = hb_subset_input_unicode_set(entrada);
            foreach (var c in caracteres)
            {
                hb_set_add(conjunto, (uint)c);
            }

            resultado = hb_subset_or_fail(cara, entrada);
            if (resultado == IntPtr.Zero)
            {
                return null;
            }

            blobResultado = hb_face_reference_blob(resultado);
            var datos = hb_blob_get_data(blobResultado, out var longitud);
            if (datos == IntPtr.Zero || longitud == 0)
            {
                return null;
            }

            var copia = new byte[longitud];
            Marshal.Copy(datos, copia, 0, (int)longitud);
            return copia;
        }
        finally
        {
            if (blobResultado != IntPtr.Zero)
            {
                hb_blob_destroy(blobResultado);
            }

            if (resultado != IntPtr.Zero)
            {
                hb_face_destroy(resultado);
            }

            if (entrada != IntPtr.Zero)
            {
                hb_subset_input_destroy(entrada);
            }

            if (cara != IntPtr.Zero)
            {
                hb_face_destroy(cara);
            }

            if (blob != IntPtr.Zero)
            {
                hb_blob_destroy(blob);
            }

            fijado.Free();
        }
    }

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_blob_create(IntPtr data, uint length, int mode, IntPtr userData, IntPtr destroy);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_face_create(IntPtr blob, uint index);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_subset_input_create_or_fail();

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_subset_input_unicode_set(IntPtr input);

    [LibraryImport(HarfBuzz)]
    private static partial void hb_set_add(IntPtr set, uint codepoint);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_face_reference_blob(IntPtr face);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [LibraryImport(HarfBuzz)]
    private static partial void hb_blob_destroy(IntPtr blob);

    [LibraryImport(HarfBuzz)]
    private static partial void hb_face_destroy(IntPtr face);

    [LibraryImport(HarfBuzz)]
    private static partial void hb_subset_input_destroy(IntPtr input);
}
