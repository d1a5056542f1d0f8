/// Surnames common in the UK, from many backgrounds, written for this project. A capitalised
/// word in this list that is not an ordinary word counts as a name on its own ("Okafor said").
/// Surnames that are ordinary words (Green, King, Young) need a title, a given name or a cue.
enum Surnames {
    static let list = """
        smith jones williams davies evans thomas johnson roberts robinson thompson wright walker white edwards hughes
        green hall lewis harris clarke clark patel jackson wood turner martin cooper hill ward morris moore king watson
        baker harrison morgan young allen mitchell james anderson phillips lee bell parker davis scott kelly simpson
        marshall collins bennett cook shaw begum khan ali hussain ahmed akhtar bibi islam rahman miah uddin choudhury
        chowdhury hossain shah mahmood iqbal aslam butt malik qureshi siddiqui sharma singh kaur gill sandhu sidhu
        dhillon grewal bains johal mann kumar gupta mistry chauhan parmar solanki joshi mehta desai pillai nair okafor
        okonkwo okeke eze obi nwosu adeyemi adebayo oladipo ogunleye afolabi bello mensah owusu boateng asante osei
        appiah agyeman darko mohamed mohamud abdi warsame farah hersi jama yusuf campbell brown murray stewart
        robertson macdonald mcdonald reid ross fraser hamilton graham kerr johnston paterson murphy obrien byrne ryan
        osullivan walsh oconnor mccarthy doyle gallagher oneill kennedy quinn lynch nowak kowalski kowalska
        wisniewski wojcik kaminski lewandowski zielinski szymanski wozniak dabrowski kozlowski jankowski mazur
        kwiatkowski krawczyk popescu popa ionescu dumitru stan stoica gheorghe rusu munteanu matei constantin nguyen
        tran pham hoang vu dang bui ngo wang zhang liu chen yang huang zhao zhou xu sun zhu guo lin luo zheng liang
        silva santos ferreira pereira oliveira costa rodrigues martins fernandes goncalves lopes garcia rodriguez
        fernandez lopez martinez sanchez perez gomez rossi russo ferrari esposito bianchi romano colombo ricci
        marino greco yilmaz kaya demir sahin celik yildiz aydin ozturk arslan dogan kilic richardson cox howard
        wilson jenkins powell price griffiths rees lloyd owen owens pugh bevan howells llewellyn vaughan prosser
        pritchard humphreys rowlands francis foster gray grey hudson hunt knight dixon fox russell henderson palmer
        mills barnes fisher chapman holmes rogers stevens webb ellis matthews dawson wells richards atkinson hunter
        pearson armstrong gibson bailey carter burton holland reynolds fletcher saunders hart lawrence bradley
        wilkinson gibbs lamb sutton mason barker jennings parsons chambers hayes lowe spencer butler cole dean day
        ford gordon grant hayward haynes hewitt higgins hopkins houghton howe jordan kemp kirby lambert lane law
        leach long lord lucas lyons marsh mckenzie miles moss nash newman nicholson norman norris page parkinson
        payne pearce perry peters pickering poole porter potter read reed reeves riley rowe sharp sharpe sheppard
        slater stone summers swift thornton townsend tucker vincent wade walters walton watts weaver welch west
        wheeler whitehead wilkins willis winter woods yates abbott adams akhtar alexander andrews archer arnold
        ashton atkins austin ball banks barlow barrett barton bates baxter berry bishop black blake bolton booth
        bowen boyle bradshaw brennan briggs brooks burgess burke burns bush carr cartwright chadwick chandler
        clayton coleman connolly conway cooke craig crawford cross cunningham dale daly daniels dickinson dobson
        donnelly duffy duncan dunn elliott farrell fleming flynn fowler freeman fuller gardiner gardner george
        goodwin gough gould graves hale hamid hancock hanson harding hardy hargreaves harper hartley harvey hawkins
        hayden heath hobbs hodgson holden holt hooper horton howarth hughes hurst hussey hyde ingram jarvis jeffery
        johnston kay kane keane kelly kemp kent kerr kirk knowles lamb law leonard little lowe mackay mackenzie
        maguire mahmood mann marsden matthews maxwell mccann mcgrath mckay mclean mcleod mellor metcalfe middleton
        millar miller milner moran morley morton moss murphy naylor nelson newton nolan norton oliver osborne
        parry pate patterson pearce perkins pollard potts preston quinn randall rhodes rice richards riley rollins
        rowley sanders savage schofield sexton shepherd short sims skinner slater smart stanley steele stephens
        stevenson storey sullivan sweeney talbot tate taylor thomson tomlinson townsend tyler wall walsh warren
        waters watkins watt webster whittaker wiggins wilde wilkins williamson winter wong woodward wyatt yates
        young frost ahmadi akbar anwar ashraf aziz baig bashir chaudhry chaudhary farooq ghani habib haider hameed
        haq hashmi hussein jamil javed kazmi latif mirza nawaz nazir raza rehman riaz saleem sarwar shafiq shaikh
        sheikh tariq zaman adeleke adewale akinola babatunde chukwu emenike ibrahim nwachukwu nweke obiora
        ogundipe okoro oyelaran ugwu achterberg berg visser jansen dejong bakker vandenberg vanderberg devries
        smit mulder bos delacruz santiago reyes cruz ramos flores torres rivera morales ortiz gutierrez castillo
        dimitrov georgiev ivanov petrov popov petrova ivanova kovacs nagy horvath toth szabo novak dvorak
        kazlauskas jankauskas petrauskas berzins ozols kalnins hoxha gashi krasniqi shehu papadopoulos
        georgiou nikolaou haile tesfaye gebre mekonnen desta kebede
        """
}
