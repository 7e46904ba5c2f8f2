namespace ServiceManager.Cli.Completion;

/// <summary>
/// The shell side of completion: each script hands the line up to the cursor to
/// <c>svcmgr "[suggest:POSITION]" "LINE"</c> (System.CommandLine's suggest directive, which <c>dotnet-suggest</c>
/// calls too) and offers what it prints, one candidate per line: commands, options, and instance names from the
/// daemon. No <c>dotnet-suggest</c> needed: svcmgr is its own.
/// </summary>
internal static class CompletionScripts
{
    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh", "fish"];

    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "bash, zsh or fish"),
    };

    // The program word is replaced by "svcmgr" so that ./artifacts/svcmgr or a full path completes too; the program
    // itself runs as typed. Candidates are words, so IFS is a newline while they are read.
    private const string Bash = """
        # svcmgr completion for bash: eval "$(svcmgr completion bash)" (e.g. in ~/.bashrc)
        _svcmgr_complete() {
            local program="${COMP_WORDS[0]}"
            local line="${COMP_LINE:0:COMP_POINT}"
            line="svcmgr${line#"$program"}"
            local IFS=$'\n'
            COMPREPLY=($("$program" "[suggest:${#line}]" "$line" 2>/dev/null))
        }
        complete -o default -F _svcmgr_complete svcmgr

        """;

    private const string Zsh = """
        #compdef svcmgr
        # svcmgr completion for zsh: eval "$(svcmgr completion zsh)" (e.g. in ~/.zshrc, after compinit)
        _svcmgr() {
            local line="svcmgr ${(j: :)${words[2,CURRENT]}}"
            local -a candidates
            candidates=("${(@f)$("${words[1]}" "[suggest:${#line}]" "$line" 2>/dev/null)}")
            compadd -- ${candidates:#}
        }
        compdef _svcmgr svcmgr

        """;

    private const string Fish = """
        # svcmgr completion for fish: svcmgr completion fish > ~/.config/fish/completions/svcmgr.fish
        function __svcmgr_complete
            set -l words (commandline -cpo) (commandline -ct)
            set -l line "svcmgr $words[2..-1]"
            $words[1] "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c svcmgr -f -a '(__svcmgr_complete)'

        """;
}
