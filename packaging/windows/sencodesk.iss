; Inno Setup script for SENCO desk: installs the one-folder build (dist\SENCO desk) for every
; user of the machine, with a Start-menu shortcut and an uninstaller.
;
;   python packaging\build.py
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\sencodesk.iss
;
; Output: dist\SENCO-desk-<version>-setup.exe. The version is read from sencodesk\__init__.py,
; so it always matches the app. See packaging\README.md for signing.

#define AppName "SENCO desk"
#define Root AddBackslash(SourcePath) + "..\.."
#define InitPy Root + "\sencodesk\__init__.py"
#define Build Root + "\dist\SENCO desk"

; Read __version__ = "X.Y.Z" from the package (the pattern of ISPP's FileRead example).
#define VersionLine ""
#define FileLine
#define FileHandle = FileOpen(InitPy)
#if !FileHandle
  #error Cannot read sencodesk\__init__.py for the version
#endif
#sub FindVersion
  #define FileLine = FileRead(FileHandle)
  #if Pos("__version__", FileLine) == 1
    #define VersionLine = FileLine
  #endif
#endsub
#for {0; !FileEof(FileHandle) && VersionLine == ""; ""} FindVersion
#expr FileClose(FileHandle)
#if VersionLine == ""
  #error No __version__ line in sencodesk\__init__.py
#endif
#define AppVersion Copy(VersionLine, Pos('"', VersionLine) + 1, RPos('"', VersionLine) - Pos('"', VersionLine) - 1)

[Setup]
; A fixed AppId: upgrades replace the old version instead of installing beside it. Never change it.
AppId={{6F0C2B1E-3D7A-4C55-9E1B-5E4C0D35C001}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
; Per machine: installed once by IT into Program Files (read-only to staff); each person's data
; goes to their own local app-data folder, never into the install folder.
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppName}.exe
UninstallDisplayName={#AppName} {#AppVersion}
SetupIconFile={#Root}\assets\icons\sencodesk.ico
OutputDir={#Root}\dist
OutputBaseFilename=SENCO-desk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Close a running copy before replacing its files.
CloseApplications=yes
; Uncomment once a signing tool is configured (see README): signs the installer and uninstaller.
; SignTool=sencodesk
; SignedUninstaller=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Build}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppName}.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppName}.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppName}.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes only what it installed. Schools' data (in each user's local app-data
; folder) is deliberately left: deleting SEN records is a decision for the school, not an uninstaller.
