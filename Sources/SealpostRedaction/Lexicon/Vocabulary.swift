/// Small word lists that give context: titles, relations, cue words, street and organisation
/// words, places. Written for this project; words are separated by white space, and a leading
/// "~" marks a word that is also an ordinary word when it is a name.
enum Vocabulary {
    static let titles = """
        mr mrs ms miss mx master dr doctor prof professor rev reverend revd sir dame lady lord pc dc ds di dci dsi
        sgt sergeant insp inspector cllr councillor pcso det detective constable supt superintendent imam rabbi
        pastor canon father fr sister brother nurse judge ps psgt mister madame mme monsieur mlle
        """

    static let maleTitles = "mr master sir lord father brother mister monsieur"
    static let femaleTitles = "mrs ms miss dame lady sister madame mme mlle"

    static let relations = """
        friend friends bestie bff neighbour neighbours neighbor neighbors boyfriend girlfriend partner ex husband wife
        uncle aunt auntie aunty cousin nan nana nanna nanny gran granny grandma grandmother grandad granddad grandpa
        grandfather grandparent stepdad stepmum stepmom stepfather stepmother stepbrother stepsister brother sister
        sibling son daughter niece nephew godmother godfather godparent lodger landlord landlady babysitter childminder
        colleague mate pal teacher coach tutor carer mum mom mother dad father fiance fiancee mentor classmate peer
        man woman lady guy bloke boy girl lad lass male female person youth teenager adult associate acquaintance
        cellmate housemate flatmate roommate employer boss manager supervisor worker officer sergeant constable
        twin twins baby grandson granddaughter grandchild stepson stepdaughter child kid kids children lodger
        bf gf hubby fella missus
        
        """

    static let naming = "called named nicknamed nickname aka alias calls calling known goes"

    static let personVerbs = """
        said says say told tells tell stated states reported reports disclosed discloses explained explains asked asks
        shouted shouts screamed screams yelled yells hit hits punched punches kicked kicks slapped slaps pushed pushes
        grabbed grabs threatened threatens threatening was is has had have came comes went goes lives lived visited
        visits arrived arrives left leaves stays stayed took takes collected collects picked attended attends
        admitted admits denied denies called calls rang rings phoned phones texted texts messaged messages sent sends
        gave gives smelled smelt smells seemed seems appeared appears looked looks works worked drove drives drinks
        drank uses used sells sold brought brings wanted wants knows knew met meets cried cries laughed laughs refused
        refuses agreed agrees confirmed confirms mentioned mentions would will can could should must might does did
        didnt doesnt isnt wasnt hasnt hadnt wont cant couldnt wouldnt allegedly reportedly sexually
        physically verbally regularly often sometimes always never still previously recently hurt hurts touched
        touches raped assaulted abused abuses bullied bullies harassed harasses followed follows stalked stalks
        groomed grooms supplied supplies gets got keeps kept lets let makes made says swore swears spat spits
        bit bites burned burnt chased chases locked locks stole steals deals dealt owes owed sleeps slept stays were are
        """

    static let orgWords = """
        school schools academy college primary secondary nursery nurseries infants infant juniors university uni
        hospital surgery practice centre center clinic church chapel mosque masjid temple synagogue gurdwara mandir
        cathedral police station council services service trust foundation club team ltd limited plc llp partnership
        pharmacy library store stores shop shops supermarket superstore cafe restaurant hotel pub inn arms bar gym
        leisure garage motors depot department ward board authority agency association society charity federation
        alliance institute campus hub network project barracks prison tribunal parish diocese fellowship brigade
        healthcare housing homes factory warehouse salon barbers barber bakery takeaway launderette laundrette
        dentist dentists opticians chemist chemists vets bank solicitors agents cinema theatre museum stadium
        market mall arcade retail cars taxis cabs logistics solutions construction builders plumbing cleaning
        security recruitment hairdressers nails beauty studio studios foods kitchen grill pizza express extra metro
        local group care health clinics surgeries schools ministry ministries mission refuge hostel shelter
        unit units provision pru hall lettings estates removals scaffolding roofing tyres autos haulage wellness
        fitness boxing tattoo tattoos
        """

    static let streets = """
        road rd street str avenue ave av lane ln crescent cres terrace tce terr drive mews boulevard blvd parade pde
        broadway highway bypass esplanade promenade embankment causeway circus gardens gdns
        """

    static let streetsWeak = """
        close cl way wy green hill park view rise walk row side end gate field fields grove gr place pl square sq
        court ct yard wharf vale mount heights hts meadow meadows croft chase dale glade fold brow lea approach path
        passage hollow ridge grange dr st wood woods
        """

    static let houseWords = """
        house cottage cottages court lodge farm tower towers point block mansions buildings flats villas villa manor
        barn hall heights bungalow
        """

    static let months = """
        january february march april ~may june july august september october november december
        jan feb mar apr jun jul aug sep sept oct nov dec
        """

    static let weekdays = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"

    static let seasons = "spring summer autumn winter"

    static let nationalities = """
        british english scottish welsh irish northern polish romanian lithuanian latvian estonian bulgarian hungarian
        czech slovak slovakian albanian kosovan serbian croatian bosnian portuguese spanish italian french german dutch
        belgian swiss austrian greek cypriot turkish kurdish syrian iraqi iranian persian afghan pakistani indian
        bangladeshi bengali lankan sri nepali nepalese chinese vietnamese filipino thai japanese korean malaysian
        nigerian ghanaian somali somalian eritrean ethiopian sudanese kenyan ugandan zimbabwean congolese cameroonian
        gambian sierra leonean jamaican caribbean african asian european american canadian australian black white mixed
        arab arabic urdu punjabi gujarati hindi tamil pashto dari farsi tigrinya amharic yoruba igbo hausa twi swahili
        lingala shona russian ukrainian moroccan algerian libyan egyptian yemeni saudi muslim christian catholic
        protestant jewish hindu sikh buddhist islamic orthodox traveller travellers gypsy roma romani heritage
        background ethnicity british-born latino latina hispanic brazilian colombian mexican
        """

    static let places = """
        london birmingham manchester leeds liverpool sheffield bristol newcastle nottingham leicester coventry bradford
        cardiff swansea newport edinburgh glasgow aberdeen dundee inverness belfast derry york hull stoke wolverhampton
        plymouth southampton portsmouth reading luton bolton bournemouth norwich swindon oxford cambridge ipswich exeter
        gloucester cheltenham bath brighton hove blackpool preston blackburn burnley wigan stockport oldham rochdale
        salford bury huddersfield wakefield halifax doncaster rotherham barnsley sunderland gateshead middlesbrough
        durham darlington carlisle lancaster ~chester crewe warrington derby ~lincoln peterborough northampton milton
        keynes bedford watford slough basingstoke guildford crawley maidstone canterbury dover hastings eastbourne
        worthing chelmsford colchester southend basildon harlow stevenage hertford albans wembley croydon brixton
        hackney camden islington tottenham lewisham peckham ealing harrow barnet enfield ilford romford stratford
        walthamstow kent surrey essex sussex yorkshire lancashire cheshire ~devon cornwall dorset somerset wiltshire
        hampshire berkshire norfolk suffolk cumbria northumberland midlands wales scotland england ireland britain
        uk gb poland romania lithuania latvia bulgaria hungary albania portugal spain italy france germany turkey
        syria iraq iran afghanistan pakistan ~india bangladesh china vietnam nigeria ghana somalia eritrea ethiopia
        sudan ~kenya uganda zimbabwe congo ~jamaica trinidad barbados europe africa asia america usa canada australia
        ukraine russia morocco egypt yemen dubai lagos accra kabul karachi lahore dhaka delhi mumbai warsaw bucharest
        kingsbridge northgate riverside eastfield westfield southside kingswood millbrook oakfield ashford
        """

    static let particles = "van von der den de del della di da dos das du des la le lo ter ten bin binti ibn bint al el abu ap mc mac fitz"

    static let functionWords = """
        and or but nor of to in on at for with by from as is are was were be been being am it its there here
        if then than so do does did has have had will would can could shall should may might must not no yes
        up down out over under about after before again also just only very really into onto upon off via per
        because while whilst though although unless until till since when where why how what which whose whom
        """

    static let determiners = """
        the a an this these those his her their my our your its no any some much more little great every all
        each another either neither both several many few such
        """

    static let pronouns = "i we you he she they it there this that who me him her them us"

    static let acronyms = """
        gp gps dsl ddsl mash csc sw hv hvs dv da cp cin cpp lac cla plo marac idva isva mappa cse cce fgm adhd asd
        semh sen send senco ehcp ot salt nfa rtc abh gbh dob nhs ni uk tv ok am pm mp pcso camhs sats pe re dt pshe
        rse lsa mh lado ewo esw bsl eal fsm pp uc pip dla esa jsa dwp hmrc rag id cctv bbc itv wc ocd ptsd bmi bp ecg
        ae icpc rcpc ta ht dht fsw asb yp cyp slt eh tac caf cpr dbs dfe kcsie lscp mhst smt sdq yot yos pru ap
        nok ppn vpp pnc cid cps cpo cpn irs sgo dols cqc hr ict it sms mms gcse alevel btec nvq a&e aa na oos cwd
        ehm lcs cpoms ofsted nspcc rspca ymca msn aol iphone ipad gdpr dpa ico dsa dslt dsp dsps ldd pmld sld mld
        bame eu uk usa dna hiv std sti stis ivf aka fyi asap etc eg ie nb ps re tbc tba n/a
        """

    static let abbreviations = "st no nos approx eg ie etc vs tel mob ref dept est inc ltd co jr jnr snr sr mt ft pt ave rd cres tce gdns am pm"

    static let dobCues = "dob born birth birthday bday"
    static let nhsCues = "nhs"
    static let niCues = "ni nino insurance"
    static let vehicleCues = """
        car cars van vans vehicle vehicles reg registration plate plates numberplate motorbike motorcycle moped scooter
        taxi cab lorry truck driving drives drove driver parked bmw audi ford vauxhall mercedes volkswagen vw toyota
        nissan honda kia hyundai peugeot renault citroen fiat seat skoda volvo mini range rover landrover jaguar tesla
        merc beemer fiesta focus corsa astra golf polo transit juke qashqai octavia clio prius yaris civic jazz micra
        punto kuga mondeo sprinter insignia leon ibiza fabia berlingo caddy vivaro
        """
    static let handleCues = """
        snapchat snap instagram insta ig tiktok facebook fb twitter discord telegram youtube twitch kik username
        usernames handle account profile gamertag psn xbox roblox threads bereal whatsapp
        """
    static let workCues = "works work worked working job employed employer employment shift shifts volunteer volunteers volunteering"
    static let kinTitles = """
        nan nana nanna nanny gran granny grandma grandmother grandad granddad grandpa grandfather grampa gramps
        uncle aunt auntie aunty mummy mama mam mammy daddy dada papa kaka baba abu abba nenea maulana
        """
    static let workVerbs = """
        works work worked working employed volunteers volunteer volunteered volunteering drives drive drove driving
        runs ran owns owned manages managed coaches coached teaches taught
        """
    static let residenceWords = """
        flat flats house home bungalow maisonette estate room bedsit place lives live living lived staying stays
        stay moved address resides
        """
    static let shortTitles = "mr mrs ms mx dr"
    static let addressCues = "lives live lived living address addresses resides resided residing reside staying moved"
    static let locatives = "in near around outside across towards within throughout inside into nearby"

    static let properNouns = """
        christmas easter ramadan eid diwali hanukkah halloween bonfire god allah jesus christ quran koran bible torah
        covid coronavirus facebook instagram snapchat tiktok whatsapp youtube twitter discord telegram twitch messenger
        google netflix amazon ebay xbox playstation nintendo fortnite roblox minecraft iphone ipad android samsung
        apple microsoft teams zoom skype calpol ritalin sertraline fluoxetine methadone melatonin ventolin naloxone
        paracetamol ibuprofen cannabis ketamine mdma cocaine heroin spice vape vapes lego disney pokemon tesco asda
        aldi lidl morrisons sainsbury sainsburys waitrose iceland boots greggs primark argos costa starbucks mcdonalds
        kfc subway nandos dominos wetherspoons wetherspoon currys wilko poundland superdrug specsavers halfords barclays
        lloyds natwest santander nationwide monzo nspcc childline barnardos barnardo ofsted cafcass camhs kooth
        cpoms myconcern liquidlogic mosaic carefirst merlin niche athena dwp hmrc ofcom bbc itv matalan debenhams
        selfridges harrods clarks dunelm farmfoods aldi co-op coop deliveroo uber bolt stagecoach arriva parcelforce
        hermes evri dpd royal mail bensons ikea screwfix toolstation wickes homebase b&q jd pets pizza hut
        spar londis budgens nisa premier ocado lloydspharmacy rightmove gumtree vinted depop onlyfans youtube
        ps5 ps4 wifi bluetooth tv snapchats tiktoks instagrams
        """

    static let saints = "st saint"
    static let flatWords = "flat apartment apt unit room bedsit"
    static let numberWords = "number no num"
    static let socialSites = "facebook instagram tiktok twitter snapchat youtube linkedin x fb insta threads"
    static let nameSuffixes = "jr jnr snr sr ii iii junior senior"

    static let ordinaryNext = """
        term terms holiday holidays half break camp fair fete club rating rated rag risk alert light lights flag
        warning level group groups leader leaders community communities based background heritage british african
        caribbean other day bank time meeting assembly concert festival fayre party sale service services session
        sessions school schools church tree trees bush bushes garden gardens bed beds bud buds colour coloured
        status category categories threshold pathway plan plans weather spell morning afternoon evening wellies
        """

    static let ordinaryPrev = """
        rated rag as over during in since until till last next early late mid this throughout every each the a an
        """

    static let modals = "may will"
    static let who = "who whom whose"
    static let connectors = "of and the"

    /// Organisations whose names look like people or surnames, one per line.
    static let organisations = """
        clare's law
        sarah's law
        helen's law
        marks and spencer
        marks spencer
        john lewis
        sainsbury's
        barnardo's
        morrisons
        mcdonald's
        william hill
        thomas cook
        ted baker
        jack wills
        sue ryder
        marie curie
        harvey nichols
        dorothy perkins
        holland and barrett
        papa john's
        frankie and benny's
        victim support
        women aid
        action for children
        citizens advice
        salvation army
        st john ambulance
        red cross
        young minds
        trussell trust
        home start
        sure start
        family action
        turning point
        change grow live
        marie stopes
        prince trust
        princes trust
        duke of edinburgh
        girlguiding
        boys brigade
        children society
        samaritans
        refuge
        brook
        mind
        shelter
        gingerbread
        relate
        mencap
        scope
        """
}
