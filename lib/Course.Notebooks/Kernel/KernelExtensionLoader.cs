using System.Reactive.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace Course.Notebooks.Kernel;

/// <summary>
/// Kernel extensions that NuGet packages bring, loaded as the dotnet-interactive tool loads them
/// (src/dotnet-interactive/KernelExtensionLoader.cs and PackageDirectoryExtensionLoader.cs): after a command that added
/// a package, every <c>interactive-extensions/dotnet/*.dll</c> in the package's folder is loaded and each public
/// <see cref="IKernelExtension"/> in it is created and given the kernel; an <c>extension.dib</c> there is run.
/// </summary>
internal static class KernelExtensionLoader
{
    public static CompositeKernel UseNuGetExtensions(this CompositeKernel kernel)
    {
        var added = new Queue<PackageAdded>();
        var seenRoots = new HashSet<string>(StringComparer.Ordinal);
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (true)
            {
                PackageAdded? package;
                lock (added) if (!added.TryDequeue(out package)) break;
                var folder = new DirectoryInfo(Path.Combine(package.PackageReference.PackageRoot, "interactive-extensions", "dotnet"));
                if (folder.Exists) await LoadAsync(kernel, folder, context, loaded);
            }
        });
        kernel.RegisterForDisposal(kernel.KernelEvents.OfType<PackageAdded>()
            .Where(p => p.PackageReference.PackageRoot is not null)
            .Subscribe(p => { lock (added) if (seenRoots.Add(p.PackageReference.PackageRoot)) added.Enqueue(p); }));
        return kernel;
    }

    static async Task LoadAsync(CompositeKernel kernel, DirectoryInfo folder, KernelInvocationContext context, HashSet<string> loaded)
    {
        foreach (var file in folder.GetFiles("*.dll", SearchOption.TopDirectoryOnly))
        {
            if (!loaded.Add(AssemblyName.GetAssemblyName(file.FullName).FullName)) continue;
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(file.FullName);
            var types = assembly.ExportedTypes
                .Where(t => !t.IsAbstract && !t.IsInterface && !t.IsGenericTypeDefinition && typeof(IKernelExtension).IsAssignableFrom(t))
                .ToList();
            if (types.Count > 0) KernelInvocationContextExtensions.Display(context, $"Loading extensions from `{Path.GetFileName(assembly.Location)}`");
            foreach (var type in types)
            {
                var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                try
                {
                    await extension.OnLoadAsync(kernel);
                    context.Publish(new KernelExtensionLoaded(extension, context.Command));
                }
                catch (Exception e)
                {
                    context.Publish(new ErrorProduced($"Failed to load kernel extension \"{type.Name}\" from assembly {assembly.Location}", context.Command));
                    context.Fail(context.Command, e);
                }
            }
        }
        var script = new FileInfo(Path.Combine(folder.FullName, "extension.dib"));
        if (script.Exists)
        {
            KernelInvocationContextExtensions.Display(context, $"Loading extension script from `{script.FullName}`");
            await kernel.LoadAndRunInteractiveDocument(script, context.Command);
        }
    }
}
