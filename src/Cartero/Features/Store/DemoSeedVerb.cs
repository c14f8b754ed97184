using System.Security.Cryptography;
using Cartero.Platform.Auth;
using Cartero.Platform.Cli;
using Cartero.Platform.Data;
using Cartero.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cartero.Features.Store;

/// <summary>
/// <c>demo seed</c>: fills an empty database with a small shop a newcomer can walk through in a minute (people of every
/// role, customers, products near their minimum, sales, lens orders in each state). Refuses a database with data.
/// </summary>
internal sealed class DemoSeedVerb(
    CarteroDbContext db,
    UserManager<CarteroUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    FirstRunSetup setup,
    CustomerService customers,
    ProductService products,
    SaleService sales,
    LensOrderService orders,
    Cartero.Features.Clinical.ClinicalPermission clinicalPermission,
    Cartero.Features.Clinical.ClinicalConsents clinicalConsents,
    TimeProvider time) : ICliVerb
{
    /// <summary>The customer whose mailbox a local SMTP test server refuses (tests/peers answers 550 to <c>rechazo550-*</c>).</summary>
    public const string RejectedAddress = "rechazo550-jorge@correo.ec";

    public IReadOnlyList<string> Words { get; } = ["demo", "seed"];

    public string Usage => "demo seed   llena una base VACÍA con una óptica de demostración e imprime las contraseñas una sola vez";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken) || await db.Customers.AnyAsync(cancellationToken) || await db.Products.AnyAsync(cancellationToken)
            || await db.Emails.AnyAsync(cancellationToken) || await db.Invoices.AnyAsync(cancellationToken))
        {
            await error.WriteLineAsync("La base ya tiene datos: «demo seed» solo llena una base vacía. Use otra carpeta de datos (Cartero__DataDirectory) o otra base.");
            return 1;
        }

        await FirstRunSetup.EnsureRolesAsync(roles);
        var actor = new RequestActor("demo-seed", null, true);
        var people = new List<(string Role, string Email, string Password)>();
        async Task<CarteroUser> PersonAsync(string role, string email, string name)
        {
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
            var user = new CarteroUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, FullName = name, CreatedAt = time.GetUtcNow().UtcDateTime };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
            people.Add((role, email, password));
            return user;
        }

        await PersonAsync(CarteroRoles.Admin, "admin@optica-demo.ec", "Andrea Administradora");
        await PersonAsync(CarteroRoles.Gerente, "gerente@optica-demo.ec", "Gabriel Gerente");
        await PersonAsync(CarteroRoles.Soporte, "soporte@optica-demo.ec", "Sofía Soporte");
        var ana = await PersonAsync(CarteroRoles.Vendedor, "ana.vendedora@optica-demo.ec", "Ana Vendedora");
        var luis = await PersonAsync(CarteroRoles.Vendedor, "luis.vendedor@optica-demo.ec", "Luis Vendedor");
        var olga = await PersonAsync(CarteroRoles.Optometrista, "optometrista@optica-demo.ec", "Olga Optometrista");
        var clientUser = await PersonAsync(CarteroRoles.Cliente, "maria.perez@correo.ec", "María José Pérez");
        setup.Complete();

        var maria = await customers.CreateAsync(new CustomerInput("María José Pérez", IdentificationTypes.Cedula, "1712345675", "maria.perez@correo.ec", "0991234567", "Av. Amazonas N34-12, Quito"), actor, cancellationToken);
        await customers.LinkUserAsync(maria.Id, clientUser.Id, actor, cancellationToken);
        // The optometrist may send clinical documents, and María consented at the counter: "Enviar al paciente" works at once.
        await clinicalPermission.SetAsync(olga, true, actor, cancellationToken);
        await clinicalConsents.RecordAsync(maria.Id, Cartero.Features.Clinical.ConsentMethods.SignedForm, actor, cancellationToken);
        var jorge = await customers.CreateAsync(new CustomerInput("Jorge Luis Andrade", IdentificationTypes.Cedula, "0912345675", RejectedAddress, "0987654321", "Guayaquil"), actor, cancellationToken);
        var empresa = await customers.CreateAsync(new CustomerInput("Servicios Visuales del Sur S.A.", IdentificationTypes.Ruc, "0190012344001", "compras@visualsur.ec", null, "Cuenca"), actor, cancellationToken);
        var sinCorreo = await customers.CreateAsync(new CustomerInput("Rosa Elena Quishpe", IdentificationTypes.Cedula, "1723456784", null, "0971112233", "Quito"), actor, cancellationToken);

        var armazon = await products.CreateAsync(new ProductInput("ARM-001", "Armazón acetato carey", ProductCategories.Armazon, 45m, "4", 4, 3), actor, cancellationToken);
        var lente = await products.CreateAsync(new ProductInput("LEN-AR-156", "Lente monofocal 1.56 antirreflejo (par)", ProductCategories.Lente, 60m, "4", 20, 5), actor, cancellationToken);
        var contacto = await products.CreateAsync(new ProductInput("LC-MENS-6", "Lentes de contacto mensuales (caja de 6)", ProductCategories.LenteContacto, 28m, "0", 6, 5), actor, cancellationToken);
        var solucion = await products.CreateAsync(new ProductInput("SOL-360", "Solución multipropósito 360 ml", ProductCategories.Solucion, 9.5m, "4", 12, 4), actor, cancellationToken);
        var examen = await products.CreateAsync(new ProductInput("SRV-EXAM", "Examen visual computarizado", ProductCategories.Servicio, 15m, "0", 1000, 0), actor, cancellationToken);

        var sellerAna = new Seller(ana.Id, new RequestActor(ana.Email!, null, false));
        var sellerLuis = new Seller(luis.Id, new RequestActor(luis.Email!, null, false));
        var s1 = await sales.FinishAsync(new SaleRequest(maria.Id, [new(armazon.Id, 1), new(lente.Id, 1)], SendMail: true, MailAddress: maria.Email, PaymentMethod: "19"), sellerAna, cancellationToken);
        var s2 = await sales.FinishAsync(new SaleRequest(jorge.Id, [new(lente.Id, 1), new(examen.Id, 1)], SendMail: true, MailAddress: jorge.Email, PaymentMethod: "16"), sellerAna, cancellationToken);
        var s3 = await sales.FinishAsync(new SaleRequest(empresa.Id, [new(contacto.Id, 1), new(solucion.Id, 2)], SendMail: true, MailAddress: empresa.Email, PaymentMethod: "20"), sellerLuis, cancellationToken);
        var s4 = await sales.FinishAsync(new SaleRequest(sinCorreo.Id, [new(lente.Id, 1)], PaymentMethod: "01"), sellerLuis, cancellationToken);
        await sales.FinishAsync(new SaleRequest(null, [new(solucion.Id, 1)], PaymentMethod: "01"), sellerLuis, cancellationToken);

        var states = new[]
        {
            (s1, Array.Empty<string>()),
            (s2, new[] { LensOrderStatus.EnLaboratorio }),
            (s3, new[] { LensOrderStatus.EnLaboratorio, LensOrderStatus.ListoParaRetirar }),
            (s4, new[] { LensOrderStatus.EnLaboratorio, LensOrderStatus.ListoParaRetirar, LensOrderStatus.Entregado }),
            (s1, new[] { LensOrderStatus.Cancelado }),
        };
        var n = 0;
        foreach (var (sale, path) in states)
        {
            var order = await orders.CreateAsync(sale.Id, $"RX-2026-{++n:000}", n % 2 == 0 ? "Laboratorio Óptico Andino" : "Indulentes Quito", null, sale.SellerId == ana.Id ? sellerAna.Actor : sellerLuis.Actor, cancellationToken);
            foreach (var to in path)
            {
                await orders.MoveAsync(order.Id, to, actor, resendReady: false, cancellationToken);
            }
        }

        await output.WriteLineAsync("Óptica de demostración creada: 4 clientes, 5 productos (armazón y lentes de contacto cerca del mínimo), 5 ventas, 5 pedidos.");
        await output.WriteLineAsync("La optometrista puede enviar documentos clínicos; María José Pérez dio su consentimiento (Pacientes).");
        await output.WriteLineAsync($"El cliente Jorge Luis Andrade tiene el correo {RejectedAddress}, que el servidor SMTP de prueba rechaza: su comprobante muestra un fallo.");
        await output.WriteLineAsync("Usuarios (las contraseñas no se vuelven a mostrar):");
        foreach (var (role, email, password) in people)
        {
            await output.WriteLineAsync($"  {role,-13} {email,-32} {password}");
        }

        return 0;
    }
}
