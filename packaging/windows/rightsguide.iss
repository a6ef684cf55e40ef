; Inno Setup 6 script: dist\rightsguide-setup-<version>.exe from the PyInstaller one-folder
; bundle in build\package\dist\rightsguide (see rightsguide.spec beside this file for the steps).
; Not built or tested on Linux: it needs Windows and Inno Setup (ISCC.exe).
;   ISCC.exe /DVersion=0.1.0 packaging\windows\rightsguide.iss
#ifndef Version
  #define Version "0.1.0"
#endif
#define Bundle "..\..\build\package\dist\rightsguide"

[Setup]
AppId={{6B1C2D1E-5E7A-4C36-9C55-2B7E3A1D0F14}
AppName=rightsguide
AppVersion={#Version}
AppPublisher=rightsguide
DefaultDirName={autopf}\rightsguide
DefaultGroupName=rightsguide
OutputDir=..\..\dist
OutputBaseFilename=rightsguide-setup-{#Version}
Compression=lzma2/normal
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
UninstallDisplayIcon={app}\rightsguide-gui.exe
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "ptBR"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "kiosk"; Description: "Start rightsguide as a clinic kiosk when this user logs on (full screen; edit {commonappdata}\rightsguide\kiosk.yaml and its exit PIN first)"; GroupDescription: "Kiosk:"; Flags: unchecked

[Files]
; the one-folder bundle: rightsguide.exe, rightsguide-gui.exe and _internal\ (never one-file)
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; example configuration, kept on upgrade and uninstall (like conffiles)
Source: "..\..\examples\kiosk.yaml"; DestDir: "{commonappdata}\rightsguide"; Flags: onlyifdoesntexist uninsneveruninstall
Source: "..\..\examples\clinic.yaml"; DestDir: "{commonappdata}\rightsguide"; Flags: onlyifdoesntexist uninsneveruninstall

[Icons]
Name: "{group}\rightsguide"; Filename: "{app}\rightsguide-gui.exe"
Name: "{group}\rightsguide kiosk"; Filename: "{app}\rightsguide-gui.exe"; Parameters: "--kiosk --config ""{commonappdata}\rightsguide\kiosk.yaml"""
Name: "{group}\Check the content (command window)"; Filename: "{cmd}"; Parameters: "/k ""{app}\rightsguide.exe"" check"
Name: "{group}\Uninstall rightsguide"; Filename: "{uninstallexe}"
Name: "{autodesktop}\rightsguide"; Filename: "{app}\rightsguide-gui.exe"; Tasks: desktopicon

[Run]
; the optional kiosk task: Task Scheduler, at log on, restarted every minute if it ever exits
Filename: "{sys}\schtasks.exe"; Parameters: "/Create /F /TN ""rightsguide kiosk"" /SC ONLOGON /RL LIMITED /TR ""\""{app}\rightsguide-gui.exe\"" --kiosk --config \""{commonappdata}\rightsguide\kiosk.yaml\"""""; Flags: runhidden; Tasks: kiosk
Filename: "{app}\rightsguide-gui.exe"; Description: "{cm:LaunchProgram,rightsguide}"; Flags: nowait postinstall skipifsilent unchecked

[UninstallRun]
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /F /TN ""rightsguide kiosk"""; Flags: runhidden; RunOnceId: "DeleteKioskTask"
