using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Grading;

/// <summary>One piece of a test cell as the grader runs it: setup code, or one check.</summary>
/// <param name="Source">The C# text, with every use of the checking API fully qualified.</param>
/// <param name="IsCheck">True for a check: a top-level statement that calls <c>Check.…</c>.</param>
/// <param name="Line">The 0-based line of the cell where the piece's code (not its leading comments) starts.</param>
public sealed record TestPiece(string Source, bool IsCheck, int Line = 0);

/// <summary>
/// Splits a key's test cell into the pieces the grader runs one cell each: runs of setup statements, and each
/// top-level statement that calls the checking API (one check). A check passes when its piece runs without error,
/// so a test cell with n checks gives partial credit in steps of 1/n. A cell with no check is one piece, counted as
/// one check. Every <c>Check.X</c>, <c>Checks.Check.X</c> and <c>Course.Checks.Check.X</c> becomes
/// <c>global::Course.Checks.Check.X</c>, so that a student's own class named Check (or Course) cannot stand in for it.
/// </summary>
public static class CheckSplitter
{
    /// <summary>The checking API, written so that nothing a notebook declares can shadow it.</summary>
    public const string QualifiedCheck = CheckingApi.Qualified;

    static readonly CSharpParseOptions ScriptOptions = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>The pieces of a test cell, in order; joined they are the cell (with the API qualified).</summary>
    public static IReadOnlyList<TestPiece> Split(string source)
    {
        var root = Qualify(source);
        var text = root.ToFullString();
        var members = root.Members;
        if (members.Count == 0 || !members.Any(IsCheck))
            return [new TestPiece(text, IsCheck: true, LineOf(text, members.Count == 0 ? 0 : members[0].SpanStart))];

        var pieces = new List<TestPiece>();
        int start = 0;          // where the current setup run begins in text
        for (int i = 0; i < members.Count; i++)
        {
            if (!IsCheck(members[i])) continue;
            var check = members[i];
            // Directives before the first member stay with the setup (a directive must open its cell).
            int checkStart = i == 0 ? LeadingDirectivesEnd(check) : check.FullSpan.Start;
            if (checkStart > start && text[start..checkStart].Trim().Length > 0)
                pieces.Add(new TestPiece(text[start..checkStart], IsCheck: false, LineOf(text, Math.Min(FirstCode(members, start), checkStart))));
            pieces.Add(new TestPiece(text[checkStart..check.FullSpan.End], IsCheck: true, LineOf(text, check.SpanStart)));
            start = check.FullSpan.End;
        }
        // What follows the last check is setup if it holds statements; comments alone stay with the check.
        if (members[^1].FullSpan.End > start)
            pieces.Add(new TestPiece(text[start..], IsCheck: false, LineOf(text, FirstCode(members, start))));
        else
            pieces[^1] = pieces[^1] with { Source = pieces[^1].Source + text[start..] };
        return pieces;
    }

    static int LineOf(string text, int offset) => text.AsSpan(0, Math.Min(offset, text.Length)).Count('\n');

    // Where the first member starting at or after offset has its code (past its leading comments).
    static int FirstCode(SyntaxList<MemberDeclarationSyntax> members, int offset) =>
        members.Where(m => m.FullSpan.End > offset).Select(m => Math.Max(m.SpanStart, offset)).DefaultIfEmpty(offset).First();

    /// <summary>A check piece as the submission's kernel runs it: every call of the checking API replaced by
    /// <c>probe.Value(actual)</c>, so that only the student's side is evaluated and the expected side never enters
    /// the submission's process. The actual argument is the one named <c>actual</c>/<c>condition</c>, else the first.</summary>
    public static string ActualOnly(string piece, string probeClass) =>
        new ProbeRewriter(probeClass, actualOnly: true).Visit(Parse(piece))!.ToFullString();

    /// <summary>A check piece as the key's kernel runs it: the checking class replaced by the probe, whose methods
    /// have the same signatures and record every argument.</summary>
    public static string AllArguments(string piece, string probeClass) =>
        new ProbeRewriter(probeClass, actualOnly: false).Visit(Parse(piece))!.ToFullString();

    sealed class ProbeRewriter(string probeClass, bool actualOnly) : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            if (node.Expression is not MemberAccessExpressionSyntax access
                || access.Expression.WithoutTrivia().ToString() != QualifiedCheck
                || !CheckingApi.MethodNames.Contains(access.Name.Identifier.Text))
                return base.VisitInvocationExpression(node);
            var probe = SyntaxFactory.ParseExpression(probeClass).WithTriviaFrom(access.Expression);
            if (!actualOnly)
                return node.WithExpression(access.WithExpression(probe)).WithArgumentList((ArgumentListSyntax)Visit(node.ArgumentList)!);
            var arguments = node.ArgumentList.Arguments;
            var actual = arguments.FirstOrDefault(a => a.NameColon is { } n && CheckingApi.ActualParameters.Contains(n.Name.Identifier.Text))
                ?? arguments.FirstOrDefault(a => a.NameColon is null);
            var value = actual is null ? SyntaxFactory.ParseExpression("(object)null") : (ExpressionSyntax)Visit(actual.Expression)!;
            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, probe, SyntaxFactory.IdentifierName("Value")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(value.WithoutTrivia()))))
                .WithTriviaFrom(node);
        }
    }

    /// <summary>The cell with the checking API fully qualified everywhere (also inside helper methods).</summary>
    public static string QualifyChecks(string source) => Qualify(source).ToFullString();

    /// <summary>The names a test cell declares at its top level (helper methods, local functions, types): a student
    /// cell placed after it could declare the same names, so the grader declares them again before a later test uses them.</summary>
    public static IReadOnlyList<(string Name, string Source)> Helpers(string source)
    {
        var root = Qualify(source);
        var helpers = new List<(string, string)>();
        foreach (var member in root.Members)
        {
            string? name = member switch
            {
                MethodDeclarationSyntax m => m.Identifier.Text,
                GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax f } => f.Identifier.Text,
                BaseTypeDeclarationSyntax t => t.Identifier.Text,
                _ => null,
            };
            if (name is not null) helpers.Add((name, member.WithoutLeadingTrivia().ToFullString()));
        }
        return helpers;
    }

    /// <summary>The names a cell declares at its top level, where later cells see them: types, methods, local
    /// functions, variables, and using aliases.</summary>
    public static ISet<string> Declarations(string source)
    {
        var root = Parse(source);
        var names = root.Usings.Where(u => u.Alias is not null).Select(u => u.Alias!.Name.Identifier.Text).ToHashSet();
        foreach (var member in root.Members)
            switch (member)
            {
                case BaseTypeDeclarationSyntax t: names.Add(t.Identifier.Text); break;
                case DelegateDeclarationSyntax d: names.Add(d.Identifier.Text); break;
                case MethodDeclarationSyntax m: names.Add(m.Identifier.Text); break;
                case PropertyDeclarationSyntax p: names.Add(p.Identifier.Text); break;
                case BaseFieldDeclarationSyntax f: names.UnionWith(f.Declaration.Variables.Select(v => v.Identifier.Text)); break;
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax f }: names.Add(f.Identifier.Text); break;
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l }:
                    names.UnionWith(l.Declaration.Variables.Select(v => v.Identifier.Text));
                    break;
            }
        return names;
    }

    /// <summary>The names a piece of code looks up in its surroundings: identifiers that are not a member name after
    /// a dot, an argument label, or declared within the piece itself (locals, parameters, lambda parameters).</summary>
    public static ISet<string> FreeNames(string source)
    {
        var root = Parse(source);
        var declaredHere = root.DescendantNodes().SelectMany(DeclaredBy).ToHashSet();
        return root.DescendantNodes().OfType<SimpleNameSyntax>()
            .Where(n => n is not IdentifierNameSyntax { IsVar: true })
            .Where(n => n.Parent switch
            {
                MemberAccessExpressionSyntax access => access.Name != n,
                QualifiedNameSyntax qualified => qualified.Right != n,
                MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax => false,
                AliasQualifiedNameSyntax => false,
                _ => true,
            })
            .Select(n => n.Identifier.Text)
            .Where(name => !declaredHere.Contains(name))
            .ToHashSet();
    }

    static IEnumerable<string> DeclaredBy(SyntaxNode node) => node switch
    {
        VariableDeclaratorSyntax v => [v.Identifier.Text],
        ParameterSyntax p => [p.Identifier.Text],
        SingleVariableDesignationSyntax d => [d.Identifier.Text],
        ForEachStatementSyntax f => [f.Identifier.Text],
        CatchDeclarationSyntax c => [c.Identifier.Text],
        LocalFunctionStatementSyntax f => [f.Identifier.Text],
        MethodDeclarationSyntax m => [m.Identifier.Text],
        BaseTypeDeclarationSyntax t => [t.Identifier.Text],
        TypeParameterSyntax t => [t.Identifier.Text],
        FromClauseSyntax q => [q.Identifier.Text],
        LetClauseSyntax q => [q.Identifier.Text],
        JoinClauseSyntax q => [q.Identifier.Text],
        QueryContinuationSyntax q => [q.Identifier.Text],
        _ => [],
    };

    /// <summary>The identifiers a cell uses, for deciding which earlier helpers it needs.</summary>
    public static ISet<string> IdentifiersUsed(string source) =>
        Parse(source).DescendantNodes().OfType<SimpleNameSyntax>().Select(n => n.Identifier.Text).ToHashSet();

    static bool IsCheck(MemberDeclarationSyntax member) =>
        member is GlobalStatementSyntax statement
        && statement.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call =>
            call.Expression is MemberAccessExpressionSyntax access && access.Expression.ToString() == QualifiedCheck);

    // A #r or #load line on the first statement is trivia of its first token: it stays in the setup before it.
    static int LeadingDirectivesEnd(SyntaxNode first)
    {
        var directives = first.GetLeadingTrivia().Where(t => t.IsDirective).ToList();
        return directives.Count == 0 ? first.FullSpan.Start : directives[^1].FullSpan.End;
    }

    static CompilationUnitSyntax Parse(string source) => SyntaxFactory.ParseCompilationUnit(source, options: ScriptOptions);

    static CompilationUnitSyntax Qualify(string source) => (CompilationUnitSyntax)new Qualifier().Visit(Parse(source));

    sealed class Qualifier : CSharpSyntaxRewriter
    {
        static readonly ExpressionSyntax Qualified = SyntaxFactory.ParseExpression(QualifiedCheck);

        public override SyntaxNode? VisitMemberAccessExpression(MemberAccessExpressionSyntax node)
        {
            if (CheckingApi.Spellings.Contains(node.Expression.WithoutTrivia().ToString()))
                return node.WithExpression(Qualified.WithTriviaFrom(node.Expression));
            return base.VisitMemberAccessExpression(node);
        }
    }
}
